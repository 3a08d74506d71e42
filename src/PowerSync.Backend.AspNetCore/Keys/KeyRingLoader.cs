using System.Globalization;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.AspNetCore.Auth;
using PowerSync.Backend.AspNetCore.Diagnostics;

namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>Builds the key ring from <see cref="PowerSyncAuthOptions"/>: configured keys, else the persisted development key.</summary>
internal static class KeyRingLoader
{
    /// <summary>Where the development key lives by default, under the content root.</summary>
    public static readonly string DefaultDevelopmentKeyPath = Path.Combine(".powersync", "development-key.json");

    /// <summary>Loads the keys.</summary>
    /// <param name="options">The options (validated).</param>
    /// <param name="contentRoot">Where relative paths start.</param>
    /// <param name="logger">For the development-key and loaded-keys messages.</param>
    /// <returns>The ring.</returns>
    /// <exception cref="InvalidOperationException">A key cannot be loaded, or none is configured.</exception>
    public static PowerSyncKeyRing Load(PowerSyncAuthOptions options, string contentRoot, ILogger logger)
    {
        List<PowerSyncKey> keys;
        if (options.Keys.Count > 0)
        {
            keys = [.. options.Keys.Select((key, index) => LoadConfigured(key, index, contentRoot, logger))];
        }
        else if (options.GenerateDevelopmentKey)
        {
            keys = [LoadOrCreateDevelopmentKey(options, contentRoot, logger)];
        }
        else
        {
            throw new InvalidOperationException($"No PowerSync keys are configured: set {PowerSyncAuthOptions.SectionName}:Keys (PEM or JWK, inline or in files), or {PowerSyncAuthOptions.SectionName}:GenerateDevelopmentKey for development.");
        }

        PowerSyncKeyRing ring;
        try
        {
            ring = new PowerSyncKeyRing(keys, options.SigningKeyId);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"{PowerSyncAuthOptions.SectionName}: {exception.Message}", exception);
        }

        Log.KeysLoaded(logger, string.Join(", ", ring.Keys), ring.SigningKey?.KeyId ?? "none (verification only)");
        return ring;
    }

    private static PowerSyncKey LoadConfigured(PowerSyncKeyOptions key, int index, string contentRoot, ILogger logger)
    {
        var where = $"{PowerSyncAuthOptions.SectionName}:Keys:{index.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            if (key.Pem is not null)
            {
                return PowerSyncKey.FromPem(key.Pem, key.KeyId, key.Algorithm);
            }

            if (key.Jwk is not null)
            {
                return PowerSyncKey.FromJwk(key.Jwk, key.KeyId, key.Algorithm);
            }

            if (key.Secret is not null)
            {
                return PowerSyncKey.FromSecret(key.Secret, key.KeyId, string.IsNullOrEmpty(key.Algorithm) ? "HS256" : key.Algorithm);
            }

            var path = Path.GetFullPath(key.PemFile ?? key.JwkFile!, contentRoot);
            WarnIfOpen(path, logger);
            var text = File.ReadAllText(path);
            return key.PemFile is not null ? PowerSyncKey.FromPem(text, key.KeyId, key.Algorithm) : PowerSyncKey.FromJwk(text, key.KeyId, key.Algorithm);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{where}: {exception.Message}", exception);
        }
    }

    private static PowerSyncKey LoadOrCreateDevelopmentKey(PowerSyncAuthOptions options, string contentRoot, ILogger logger)
    {
        var path = Path.GetFullPath(options.DevelopmentKeyPath ?? DefaultDevelopmentKeyPath, contentRoot);
        try
        {
            if (File.Exists(path))
            {
                return LoadDevelopmentKey(path, logger);
            }

            var directory = Path.GetDirectoryName(path)!;
            if (PowerSyncKeyFile.CreatePrivateDirectory(directory) && options.DevelopmentKeyPath is null)
            {
                // Our own folder under the content root: keep the key out of source control without touching the app's .gitignore.
                File.WriteAllText(Path.Combine(directory, ".gitignore"), "*\n");
            }

            var key = PowerSyncKey.Generate(options.DevelopmentKeyAlgorithm);
            try
            {
                PowerSyncKeyFile.Save(key, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance started at the same moment and saved its key first: use that one.
                return LoadDevelopmentKey(path, logger);
            }

            Log.DevelopmentKeyGenerated(logger, key.Algorithm, key.KeyId, path);
            return key;
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The PowerSync development key at {path} cannot be used: {exception.Message}", exception);
        }
    }

    private static PowerSyncKey LoadDevelopmentKey(string path, ILogger logger)
    {
        WarnIfOpen(path, logger);
        var key = PowerSyncKeyFile.Load(path);
        Log.DevelopmentKeyLoaded(logger, key.KeyId, path);
        return key;
    }

    private static void WarnIfOpen(string path, ILogger logger)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && PowerSyncKeyFile.IsReadableByOthers(path))
        {
            Log.KeyFileTooOpen(logger, path, Convert.ToString((int)File.GetUnixFileMode(path), 8));
        }
    }
}
