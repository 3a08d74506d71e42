namespace PowerSync.Backend.DevToken.CommandLine;

/// <summary>The command line is wrong (unknown option, missing or bad value): exit code 2, with the command's usage.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
