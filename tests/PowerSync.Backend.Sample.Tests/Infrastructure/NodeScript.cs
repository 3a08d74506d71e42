using System.Diagnostics;

namespace PowerSync.Backend.Sample.Tests.Infrastructure;

/// <summary>Runs a node script to its end (or kills it at the time limit) and keeps everything it printed.</summary>
internal static class NodeScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeLimit)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(timeLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (-1, $"{await stdout}{await stderr}{Environment.NewLine}(killed after {timeLimit.TotalSeconds} s)");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
