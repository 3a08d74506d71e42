namespace PowerSync.Backend.AspNetCore.Upload;

/// <summary>Options of one upload endpoint (<c>MapPowerSyncUpload</c>). Checked when the endpoint is mapped.</summary>
public sealed class PowerSyncUploadOptions
{
    /// <summary>The claim of the authenticated principal that holds the user id; the name identifier claim is the fallback.</summary>
    /// <value><c>sub</c>.</value>
    public string UserIdClaimType { get; set; } = "sub";

    /// <summary>The request header carrying the PowerSync client id (<c>db.getClientId()</c>); it wins over a <c>client_id</c> body field.</summary>
    /// <value><c>PowerSync-Client-Id</c>.</value>
    public string ClientIdHeader { get; set; } = "PowerSync-Client-Id";

    /// <summary>Whether callers without an authenticated user may upload (their uploads have no user id). For development only.</summary>
    /// <value><see langword="false"/>: unauthenticated uploads get 401.</value>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// The status answered to classic (<c>{"batch":[…]}</c>, bare array) and per-verb requests when any transaction
    /// is <c>retryable_error</c> or <c>not_attempted</c>. Those clients do not read per-transaction results: they
    /// complete their whole batch on any 2xx, so a non-2xx is the only way to make them keep the work and re-send it.
    /// The body still holds the results, and a <c>Retry-After</c> header says when to retry.
    /// </summary>
    /// <value>503 (Service Unavailable). Must be 400–599.</value>
    public int PendingStatusCode { get; set; } = 503;
}
