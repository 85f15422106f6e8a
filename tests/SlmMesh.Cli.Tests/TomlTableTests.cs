using SlmMesh.Cli.Install;

namespace SlmMesh.Cli.Tests;

public sealed class TomlTableTests
{
    private static readonly string[] Key = ["mcp_servers", "slm-mesh"];

    [Fact]
    public void Header_lookalikes_inside_strings_and_arrays_are_not_tables()
    {
        string text = "notes = \"\"\"\n[mcp_servers.slm-mesh]\n\"\"\"\nmatrix = [\n  [1, 2],\n  [3, 4],\n]\nname = 'a [b] # c'\n";

        TomlTable table = TomlTable.Parse("config.toml", text);
        string updated = table.WithTable(Key, ["command = \"x\""]);

        Assert.False(table.Contains(Key));
        Assert.Equal(text + "\n[mcp_servers.slm-mesh]\ncommand = \"x\"\n", updated);
    }

    [Fact]
    public void Quoted_keys_name_the_same_table()
    {
        TomlTable table = TomlTable.Parse("config.toml", "[ mcp_servers . \"slm-mesh\" ] # ours\ncommand = \"old\"\n[other]\na = 1\n");

        string updated = table.WithTable(Key, ["command = \"new\""]);

        Assert.Equal("[mcp_servers.slm-mesh]\ncommand = \"new\"\n[other]\na = 1\n", updated);
    }

    [Fact]
    public void Array_tables_elsewhere_are_untouched()
    {
        string text = "[[hooks.PreToolUse]]\nmatcher = \"Bash\"\n";

        string updated = TomlTable.Parse("config.toml", text).WithTable(Key, ["command = \"x\""]);

        Assert.StartsWith(text, updated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("C:\\tools\\slm-mesh-mcp.exe", "\"C:\\\\tools\\\\slm-mesh-mcp.exe\"")]
    [InlineData("say \"hi\"\n", "\"say \\\"hi\\\"\\n\"")]
    public void Strings_are_quoted_as_toml_basic_strings(string value, string quoted) => Assert.Equal(quoted, TomlTable.Quote(value));

    [Fact]
    public void An_empty_file_gets_just_the_table()
    {
        Assert.Equal("[mcp_servers.slm-mesh]\na = 1\n", TomlTable.Parse("config.toml", null).WithTable(Key, ["a = 1"]));
    }
}
