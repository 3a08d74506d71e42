namespace PowerSync.Backend.AspNetCore.Authentication;

/// <summary>Names used by the PowerSync token authentication scheme.</summary>
public static class PowerSyncTokenDefaults
{
    /// <summary>The default scheme name, for <c>AddAuthentication(PowerSyncTokenDefaults.AuthenticationScheme)</c>.</summary>
    public const string AuthenticationScheme = "PowerSyncToken";
}
