using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PowerSync.Backend.AspNetCore.Diagnostics;
using PowerSync.Backend.AspNetCore.Http;
using PowerSync.Backend.Core.Model;
using PowerSync.Backend.Core.Processing;
using PowerSync.Backend.Core.Results;
using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.AspNetCore.Upload;

/// <summary>
/// Handles one upload request: authenticates the caller, reads the body within the limits while streaming it,
/// runs the pipeline, and answers with the reference write API's results. See <c>MapPowerSyncUpload</c>.
/// </summary>
internal sealed partial class UploadEndpoint
{
    private readonly PowerSyncUploadOptions _options;

    public UploadEndpoint(PowerSyncUploadOptions options) => _options = options;

    public async Task HandleAsync(HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILogger<UploadEndpoint>>();
        try
        {
            await ProcessAsync(context, logger).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // Nobody is listening: no response, and not an error. Committed transactions stay committed and the
            // ledger recognises them when the client re-sends.
            Log.UploadAborted(logger);
        }
        catch (BadHttpRequestException exception)
        {
            // The server refused the body itself: past its own size limit, or a broken chunked encoding.
            Log.UploadBodyUnreadable(logger, exception, exception.StatusCode);
            var message = exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the request body is larger than the server accepts" : "the request body could not be read";
            await TryWriteMessageAsync(context, exception.StatusCode, message).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.UploadFailed(logger, exception);
            await TryWriteMessageAsync(context, StatusCodes.Status500InternalServerError, "internal error").ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(HttpContext context, ILogger logger)
    {
        var request = context.Request;
        var services = context.RequestServices;
        var userId = UserIds.Find(context.User, _options.UserIdClaimType);
        if (userId is null && !_options.AllowAnonymous)
        {
            Log.UploadUnauthenticated(logger, _options.UserIdClaimType);
            await JsonResponses.WriteMessageAsync(context, StatusCodes.Status401Unauthorized, "authentication required").ConfigureAwait(false);
            return;
        }

        var backend = services.GetRequiredService<IOptions<PowerSyncBackendOptions>>().Value;
        var parser = services.GetRequiredService<CrudUploadParser>();
        var maxBytes = parser.MaxBytes;
        if (request.ContentLength > maxBytes)
        {
            // Refused before reading a byte.
            Log.UploadBodyRefused(logger, StatusCodes.Status413PayloadTooLarge, nameof(UploadFormatError.BodyTooLarge), "$");
            var message = $"$: the request body is larger than the limit of {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes (Content-Length {request.ContentLength.Value.ToString(CultureInfo.InvariantCulture)})";
            await JsonResponses.WriteMessageAsync(context, StatusCodes.Status413PayloadTooLarge, message).ConfigureAwait(false);
            return;
        }

        ParsedUpload parsed;
        try
        {
            parsed = await parser.ParseAsync(request.Body, OperationOf(request.Method), context.RequestAborted).ConfigureAwait(false);
        }
        catch (UploadFormatException exception)
        {
            var status = exception.Error == UploadFormatError.BodyTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            Log.UploadBodyRefused(logger, status, exception.Error.ToString(), exception.Path);
            await JsonResponses.WriteMessageAsync(context, status, exception.Message).ConfigureAwait(false);
            return;
        }

        var upload = parsed.ToUpload(userId, ClientIdFrom(request));
        if (MustNotStopAtRefusals(parsed.Shape, upload))
        {
            upload = new CrudUpload(upload.UserId, upload.ClientId, upload.Transactions) { OnFatalError = FatalErrorPolicy.Skip };
        }

        var processor = services.GetRequiredService<IUploadProcessor>();
        var result = await processor.ProcessAsync(upload, context.RequestAborted).ConfigureAwait(false);
        await WriteResultsAsync(context, logger, parsed.Shape, upload, result, backend.Retry.RetryAfter).ConfigureAwait(false);
    }

    private async Task WriteResultsAsync(HttpContext context, ILogger logger, RequestShape shape, CrudUpload upload, UploadResult result, TimeSpan defaultRetryAfter)
    {
        // The reference shape's clients read each result, so 200 always. The other shapes' clients complete their
        // whole batch on any 2xx: work left to do must fail the request, or it is lost from their queue.
        var status = StatusCodes.Status200OK;
        if (shape != RequestShape.Transactions && result.HasPendingTransactions)
        {
            status = _options.PendingStatusCode;
            var retryAfter = result.Results.Max(r => r.RetryAfter) ?? defaultRetryAfter;
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            Log.UploadPending(logger, shape.ToString(), upload.ClientId, status);
        }

        Log.UploadAnswered(logger, shape.ToString(), upload.Transactions.Count, upload.ClientId, status);
        await JsonResponses.WriteAsync(context, status, CrudJsonWriter.ToUtf8Bytes(result)).ConfigureAwait(false);
    }

    private string? ClientIdFrom(HttpRequest request)
    {
        // A repeated header is unusual; the first non-empty value counts.
        var value = request.Headers[_options.ClientIdHeader].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return value?.Trim();
    }

    private static CrudOperation? OperationOf(string method) =>
        HttpMethods.IsPut(method) ? CrudOperation.Put
        : HttpMethods.IsPatch(method) ? CrudOperation.Patch
        : HttpMethods.IsDelete(method) ? CrudOperation.Delete
        : null;

    private static async Task TryWriteMessageAsync(HttpContext context, int statusCode, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        try
        {
            await JsonResponses.WriteMessageAsync(context, statusCode, message).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while we answered; there is nobody to tell.
        }
    }
}
