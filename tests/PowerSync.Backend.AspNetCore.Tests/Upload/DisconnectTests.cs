using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Testing;
using static PowerSync.Backend.AspNetCore.Tests.Infrastructure.Bodies;

namespace PowerSync.Backend.AspNetCore.Tests.Upload;

/// <summary>A client that disconnects cancels the work; the server neither answers nor logs an error.</summary>
public sealed class DisconnectTests
{
    [Fact]
    public async Task Disconnect_while_the_body_streams_in_writes_nothing_and_logs_no_error()
    {
        var observed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartAsync(observed, hook: null);
        var body = TestBodyStream.Blocking();
        using var disconnect = new CancellationTokenSource();

        var send = app.Server.SendAsync(c => Post(c, body), disconnect.Token);
        await body.ReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await disconnect.CancelAsync();

        await IgnoreAbortAsync(send);
        Assert.False(await observed.Task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None), "the response was started");
        await Eventually.TrueAsync(() => app.Logs.Has(3004), "the disconnect was logged");
        Assert.Empty(app.Logs.AtLeast(LogLevel.Warning));
    }

    [Fact]
    public async Task Disconnect_while_processing_cancels_the_pipeline_writes_nothing_and_logs_no_error()
    {
        var observed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var hookStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartAsync(observed, async (_, token) =>
        {
            hookStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return EntryVerdict.Accept;
        });
        using var disconnect = new CancellationTokenSource();

        var send = app.Server.SendAsync(c => Post(c, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(OnePut()))), disconnect.Token);
        await hookStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await disconnect.CancelAsync();

        await IgnoreAbortAsync(send);
        Assert.False(await observed.Task.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None), "the response was started");
        await Eventually.TrueAsync(() => app.Logs.Has(3004), "the disconnect was logged");
        Assert.Empty(app.Logs.AtLeast(LogLevel.Warning));
        Assert.Empty(app.Store.Applied);
    }

    private static Task<TestApp> StartAsync(TaskCompletionSource<bool> responseStarted, Func<EntryContext, CancellationToken, ValueTask<EntryVerdict>>? hook) =>
        TestApp.StartAsync(
            services: s => s.AddPowerSyncBackend(b =>
            {
                b.UseInMemory();
                if (hook is not null)
                {
                    b.Table("todos", t => t.Authorize(hook));
                }
            }),
            map: app =>
            {
                app.Use(async (context, next) =>
                {
                    await next(context);
                    responseStarted.TrySetResult(context.Response.HasStarted);
                });
                app.MapPowerSyncUpload(UploadApp.Path);
            });

    // Depending on when the abort lands, the test server either fails the send or hands back the aborted context.
    private static async Task IgnoreAbortAsync(Task<HttpContext> send)
    {
        try
        {
            var context = await send;
            Assert.True(context.RequestAborted.IsCancellationRequested);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Post(HttpContext context, Stream body)
    {
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = UploadApp.Path;
        context.Request.Headers[TestApp.UserHeader] = "alice";
        context.Request.Body = body;
    }
}
