namespace PowerSync.Backend.Sample.Tests.Infrastructure;

/// <summary>Finds the repository from the test's output folder (the folder holding <c>PowerSync.Backend.sln</c>).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "PowerSync.Backend.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No PowerSync.Backend.sln above " + AppContext.BaseDirectory);
    }
}
