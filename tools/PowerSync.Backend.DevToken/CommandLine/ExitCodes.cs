namespace PowerSync.Backend.DevToken.CommandLine;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The work could not be done: a key file is missing, unreadable or unsuitable.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: unknown command or option, a missing or invalid value.</summary>
    public const int BadUsage = 2;
}
