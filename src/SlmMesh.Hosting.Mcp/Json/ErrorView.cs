namespace SlmMesh.Hosting.Mcp.Json;

/// <summary>
/// A refusal: the stable code and a sentence, plus what helps the agent decide what to do next (the lock in
/// the way, the current version of a key, when to retry).
/// </summary>
internal sealed record ErrorView(string Code, string Message, LockView? Lock = null, long? CurrentVersion = null, long? RetryAfterMs = null);
