using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SlmMesh.Hosting.Mcp.Tests.Support;

namespace SlmMesh.Hosting.Mcp.Tests.Tools;

public sealed class NotificationTests
{
    private const string MessageMethod = "notifications/slm-mesh/message";
    private const string ChannelMethod = "notifications/claude/channel";

    [Fact]
    public async Task An_arrival_is_pushed_as_a_custom_notification_without_marking_it_read()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");

        ToolReply sent = await alpha.CallAsync("mesh_send", ("to", "beta"), ("message", "ping"));
        JsonNode? pushed = await beta.Notifications.WaitForAsync(MessageMethod);
        ToolReply inbox = await beta.CallAsync("mesh_inbox");

        Assert.Equal(sent["id"].GetString(), pushed?["id"]?.GetValue<string>());
        Assert.Equal("ping", pushed?["message"]?.GetValue<string>());
        Assert.Equal("alpha", pushed?["fromName"]?.GetValue<string>());

        // Still unread after the push: only the tool result delivers (and acknowledges) it.
        Assert.Equal(["ping"], inbox["messages"].EnumerateArray().Select(m => m.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task The_claude_channel_push_goes_only_to_a_client_that_declared_it()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent plain = await mesh.JoinAsync("plain");
        McpAgent channel = await mesh.JoinAsync("channel", declareChannel: true);

        await alpha.CallAsync("mesh_send", ("to", "plain"), ("message", "first"));
        await alpha.CallAsync("mesh_send", ("to", "plain"), ("message", "second"));
        ToolReply sent = await alpha.CallAsync("mesh_send", ("to", "channel"), ("message", "hello channel"));
        JsonNode? pushed = await channel.Notifications.WaitForAsync(ChannelMethod);

        // Pushes for one message go out in order: once the second one's custom push is here, a channel push for the first would be too.
        await plain.Notifications.WaitForAsync(MessageMethod, p => p?["message"]?.GetValue<string>() == "second");
        Assert.Empty(plain.Notifications.Of(ChannelMethod));
        Assert.Equal("hello channel", pushed?["content"]?.GetValue<string>());
        Assert.Equal("alpha", pushed?["meta"]?["from"]?.GetValue<string>());
        Assert.Equal(sent["id"].GetString(), pushed?["meta"]?["message_id"]?.GetValue<string>());
        Assert.Equal("slm-mesh", pushed?["meta"]?["source"]?.GetValue<string>());
    }

    [Fact]
    public async Task Resources_updated_is_sent_for_the_inbox_only_after_subscribing()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");

        await alpha.CallAsync("mesh_send", ("to", "beta"), ("message", "before"));
        await beta.Notifications.WaitForAsync(MessageMethod, p => p?["message"]?.GetValue<string>() == "before");
        await beta.Client.SubscribeToResourceAsync("mesh://inbox", cancellationToken: TestContext.Current.CancellationToken);
        await alpha.CallAsync("mesh_send", ("to", "beta"), ("message", "after"));
        JsonNode? updated = await beta.Notifications.WaitForAsync(NotificationMethods.ResourceUpdatedNotification);

        Assert.Equal("mesh://inbox", updated?["uri"]?.GetValue<string>());
        Assert.Single(beta.Notifications.Of(NotificationMethods.ResourceUpdatedNotification));
    }

    [Fact]
    public async Task The_inbox_resource_lists_unread_messages_without_acknowledging_them()
    {
        await using InProcessMesh mesh = await InProcessMesh.StartAsync();
        McpAgent alpha = await mesh.JoinAsync("alpha");
        McpAgent beta = await mesh.JoinAsync("beta");

        await alpha.CallAsync("mesh_send", ("to", "beta"), ("message", "unread one"));
        IList<McpClientResource> resources = await beta.Client.ListResourcesAsync(cancellationToken: TestContext.Current.CancellationToken);
        ReadResourceResult first = await beta.Client.ReadResourceAsync("mesh://inbox", cancellationToken: TestContext.Current.CancellationToken);
        ReadResourceResult second = await beta.Client.ReadResourceAsync("mesh://inbox", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("mesh://inbox", Assert.Single(resources).Uri);
        foreach (ReadResourceResult read in new[] { first, second })
        {
            var text = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
            JsonNode? inbox = JsonNode.Parse(text.Text);
            Assert.Equal(1, inbox?["count"]?.GetValue<int>());
            Assert.Equal("unread one", inbox?["messages"]?[0]?["message"]?.GetValue<string>());
        }
    }
}
