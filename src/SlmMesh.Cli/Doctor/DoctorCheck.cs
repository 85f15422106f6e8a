namespace SlmMesh.Cli.Doctor;

/// <summary>How a check came out. Only <see cref="Fail"/> makes <c>doctor</c> exit 1.</summary>
internal enum CheckStatus
{
    Ok,
    Warn,
    Fail,
}

/// <summary>One finding of <c>doctor</c>, with the command or step that fixes it.</summary>
internal sealed record DoctorCheck(string Name, CheckStatus Status, string Message, string? Fix = null)
{
    public static DoctorCheck Ok(string name, string message) => new(name, CheckStatus.Ok, message);

    public static DoctorCheck Warn(string name, string message, string fix) => new(name, CheckStatus.Warn, message, fix);

    public static DoctorCheck Fail(string name, string message, string fix) => new(name, CheckStatus.Fail, message, fix);
}
