namespace SlmMesh;

/// <summary>The types a message can have.</summary>
public static class MessageTypes
{
    /// <summary>Plain text (the default).</summary>
    public const string Text = "text";

    /// <summary>A JSON document; the broker checks it parses.</summary>
    public const string Json = "json";

    /// <summary>A request for the recipient to do something.</summary>
    public const string Command = "command";

    /// <summary>Something the recipient should look at now.</summary>
    public const string Alert = "alert";
}
