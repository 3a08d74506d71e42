namespace PowerSync.Backend.DevToken.Tests;

/// <summary>Runs the tool in-process and keeps what it wrote.</summary>
public sealed record DevTokenRun(int ExitCode, string Out, string Error)
{
    public static async Task<DevTokenRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await Program.RunAsync(args, stdout, stderr);
        return new DevTokenRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts success and returns the run, showing standard error when it failed.</summary>
    public DevTokenRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}; stderr: {Error}");
        return this;
    }

    /// <summary>Asserts bad usage: exit code 2, nothing on standard output, the message and the usage line on standard error.</summary>
    public DevTokenRun BadUsage(string message)
    {
        Assert.True(ExitCode == 2, $"exit code {ExitCode}; stderr: {Error}");
        Assert.Equal(string.Empty, Out);
        Assert.Contains(message, Error, StringComparison.Ordinal);
        Assert.Contains("Usage: powersync-dev-token", Error, StringComparison.Ordinal);
        return this;
    }

    /// <summary>Asserts a failure that is not bad usage: exit code 1, nothing on standard output, the message on standard error.</summary>
    public DevTokenRun Failed(string message)
    {
        Assert.True(ExitCode == 1, $"exit code {ExitCode}; stderr: {Error}");
        Assert.Equal(string.Empty, Out);
        Assert.Contains(message, Error, StringComparison.Ordinal);
        return this;
    }
}
