using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PowerSync.Backend.AspNetCore.Diagnostics;
using PowerSync.Backend.AspNetCore.Http;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tokens;

namespace PowerSync.Backend.AspNetCore.Auth;

/// <summary>The token and JWKS endpoints; see <c>MapPowerSyncAuth</c>.</summary>
internal static class AuthEndpoints
{
    public static async Task KeysAsync(HttpContext context)
    {
        var logger = Logger(context);
        try
        {
            var jwks = context.RequestServices.GetRequiredService<PowerSyncKeyRing>().ToJwksUtf8();
            await JsonResponses.WriteAsync(context, StatusCodes.Status200OK, jwks).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller left; nothing to answer.
        }
        catch (Exception exception)
        {
            await FailAsync(context, logger, exception).ConfigureAwait(false);
        }
    }

    public static async Task TokenAsync(HttpContext context)
    {
        var logger = Logger(context);
        try
        {
            await IssueAsync(context, logger).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller left; nothing to answer.
        }
        catch (Exception exception)
        {
            await FailAsync(context, logger, exception).ConfigureAwait(false);
        }
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthEndpoints).FullName!);

    private static async Task IssueAsync(HttpContext context, ILogger logger)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<PowerSyncAuthOptions>>().Value;
        // Tokens and the user ids they carry must never sit in a shared cache.
        context.Response.Headers.CacheControl = "no-store";

        var userId = UserIds.Find(context.User, options.UserIdClaimType);
        var development = false;
        if (userId is null)
        {
            if (!options.DevelopmentMode)
            {
                Log.TokenRequestUnauthenticated(logger);
                await JsonResponses.WriteMessageAsync(context, StatusCodes.Status401Unauthorized, "authentication required").ConfigureAwait(false);
                return;
            }

            userId = context.Request.Query["user_id"].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (userId is null)
            {
                await JsonResponses.WriteMessageAsync(context, StatusCodes.Status400BadRequest, "development mode: pass the user id as ?user_id=<id>").ConfigureAwait(false);
                return;
            }

            development = true;
        }

        var request = new PowerSyncTokenRequest(userId);
        if (options.OnTokenRequest is { } hook)
        {
            await hook(new PowerSyncTokenRequestContext(context, request) { IsDevelopmentToken = development }).ConfigureAwait(false);
        }

        var token = await services.GetRequiredService<IPowerSyncTokenIssuer>().IssueTokenAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (development)
        {
            Log.DevelopmentTokenIssued(logger, userId);
        }
        else
        {
            Log.TokenIssued(logger, userId, token.KeyId, token.ExpiresAt);
        }

        await JsonResponses.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("token"u8, token.Token);
            writer.WriteString("powersync_url"u8, options.PowerSyncUrl?.AbsoluteUri);
            writer.WriteString("expires_at"u8, token.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task FailAsync(HttpContext context, ILogger logger, Exception exception)
    {
        Log.AuthEndpointFailed(logger, exception);
        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await JsonResponses.WriteMessageAsync(context, StatusCodes.Status500InternalServerError, "internal error").ConfigureAwait(false);
        }
    }
}
