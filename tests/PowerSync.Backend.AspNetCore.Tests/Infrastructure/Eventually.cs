namespace PowerSync.Backend.AspNetCore.Tests.Infrastructure;

/// <summary>Waits, boundedly, for something a server finishes after its client has gone.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), what);
    }
}
