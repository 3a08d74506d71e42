using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.AspNetCore.Upload;
using PowerSync.Backend.Core.Processing;

// ASP.NET Core's convention for MapXxx extensions (ADR 0004): found without a using in any web app.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the PowerSync upload endpoint.</summary>
public static class PowerSyncUploadEndpointRouteBuilderExtensions
{
    private static readonly string[] Methods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    /// <summary>
    /// Maps the endpoint a PowerSync connector's <c>uploadData()</c> sends its queue to. It speaks PowerSync's reference
    /// write API (<c>POST {"transactions":[…]}</c> → <c>200 {"results":[…]}</c>, one result per transaction in order)
    /// and also accepts the classic <c>POST {"batch":[…]}</c>, a bare array of entries, and one entry per request with
    /// <c>PUT</c>, <c>PATCH</c> or <c>DELETE</c>, answered with the same result shapes.
    /// </summary>
    /// <param name="endpoints">The route builder (the <c>WebApplication</c>).</param>
    /// <param name="pattern">The route.</param>
    /// <param name="configure">Sets the endpoint's options.</param>
    /// <returns>The endpoint's builder: add <c>.RequireAuthorization()</c>, rate limiting, and so on.</returns>
    /// <remarks>
    /// <para>Statuses: <c>200</c> with results (data errors are <c>fatal_error</c> results, never 4xx, which would block
    /// the client's queue); <c>400 {"message"}</c> for a body that is not an upload, the message naming the JSON path;
    /// <c>413 {"message"}</c> for a body past <c>Limits.MaxBytes</c>, refused from its <c>Content-Length</c> before
    /// reading or as soon as reading passes the limit; <c>401</c> without an authenticated user (the principal's
    /// <c>sub</c> claim, or its name identifier); <c>500 {"message":"internal error"}</c> for unexpected faults, with
    /// no detail (the exception is logged).</para>
    /// <para>Classic and per-verb clients cannot read per-transaction results: they treat any 2xx as "all processed"
    /// and complete their whole batch. So when any transaction is <c>retryable_error</c> or <c>not_attempted</c>, those
    /// shapes get <see cref="PowerSyncUploadOptions.PendingStatusCode"/> (503) with <c>Retry-After</c> and the results
    /// body, and re-send the batch; the ledger skips what was applied. Reference-shape requests always get 200.
    /// Without a client id there is no ledger to skip a refused transaction on the re-send, so a classic upload without
    /// one goes on past refusals (as <see cref="FatalErrorPolicy.Skip"/>) instead of stopping and being refused for ever.</para>
    /// <para>The PowerSync client id comes from the <c>PowerSync-Client-Id</c> header, else the body's <c>client_id</c>.
    /// Limits on bytes, transactions, entries and nesting come from <see cref="PowerSyncBackendOptions.Limits"/> and are
    /// enforced while the body streams in. When the client disconnects, processing is cancelled and nothing is written.</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException"><c>AddPowerSyncBackend</c> was not called.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static RouteHandlerBuilder MapPowerSyncUpload(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern = "/api/data",
        Action<PowerSyncUploadOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(IUploadProcessor)) == false)
        {
            throw new InvalidOperationException("MapPowerSyncUpload needs the upload pipeline: call services.AddPowerSyncBackend(…) with a database provider first.");
        }

        var options = new PowerSyncUploadOptions();
        configure?.Invoke(options);
        Validate(options);

        Func<HttpContext, Task> handler = new UploadEndpoint(options).HandleAsync;
        return endpoints.MapMethods(pattern, Methods, handler)
            .WithDisplayName("PowerSync upload " + pattern);
    }

    private static void Validate(PowerSyncUploadOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.UserIdClaimType))
        {
            throw new ArgumentException("UserIdClaimType must not be empty.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ClientIdHeader))
        {
            throw new ArgumentException("ClientIdHeader must not be empty.", nameof(options));
        }

        if (options.PendingStatusCode is < 400 or > 599)
        {
            throw new ArgumentException("PendingStatusCode must be between 400 and 599: classic clients must see a failure to keep their queue.", nameof(options));
        }
    }
}
