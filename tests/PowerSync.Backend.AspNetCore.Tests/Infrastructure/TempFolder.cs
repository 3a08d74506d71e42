namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>Fresh folders for content roots and key files, under one folder per test run that is removed when the run ends.</summary>
public static class TempFolder
{
    private static readonly string Run = CreateRun();

    public static string Create()
    {
        var path = Path.Combine(Run, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string CreateRun()
    {
        var run = Path.Combine(Path.GetTempPath(), "powersync-aspnetcore-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(run);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(run, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the system cleans its temporary folder eventually.
            }
        };
        return run;
    }
}
