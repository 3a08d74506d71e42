namespace PowerSync.Backend.DevToken.CommandLine;

/// <summary>The command line is right but the work cannot be done (missing or unusable key file): exit code 1.</summary>
internal sealed class ToolException : Exception
{
    public ToolException()
    {
    }

    public ToolException(string message)
        : base(message)
    {
    }

    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
