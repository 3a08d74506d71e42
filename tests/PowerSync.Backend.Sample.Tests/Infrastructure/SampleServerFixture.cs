namespace PowerSync.Backend.Sample.Tests.Infrastructure;

/// <summary>One sample server shared by the tests of a class; each test uses its own users and row ids.</summary>
public sealed class SampleServerFixture : IAsyncLifetime
{
    private SampleServer? _server;

    internal SampleServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await SampleServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
