using System.Text;

namespace PowerSync.Backend.AspNetCore.Keys;

/// <summary>Reads and writes a key file: one JWK (as <see cref="Save"/> writes it) or one PEM key.</summary>
public static class PowerSyncKeyFile
{
    /// <summary>The file mode of key files on Unix: read and write for the owner only (600).</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Reads a key file holding a JWK JSON object or a PEM key.</summary>
    /// <param name="path">The file.</param>
    /// <param name="keyId">The key id; by default the file's own (the JWK's <c>kid</c>), else the key's thumbprint.</param>
    /// <param name="algorithm">The algorithm; by default the file's own, else the key type's default.</param>
    /// <returns>The key.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="FormatException">The file holds no usable key.</exception>
    public static PowerSyncKey Load(string path, string? keyId = null, string? algorithm = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"{path}: the key file is empty.");
        }

        try
        {
            return text.AsSpan().TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)
                ? PowerSyncKey.FromPem(text, keyId, algorithm)
                : PowerSyncKey.FromJwk(text, keyId, algorithm);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"{path}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Writes a key as a JWK (the private JWK when the key can sign, else the public one). On Unix the file is
    /// created with mode 600 and a directory it creates with mode 700. The file appears whole or not at all.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="path">The file.</param>
    /// <param name="overwrite">Whether to replace an existing file; by default an existing file is an error.</param>
    /// <exception cref="IOException">The file exists (without <paramref name="overwrite"/>) or cannot be written.</exception>
    public static void Save(PowerSyncKey key, string path, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        CreatePrivateDirectory(directory);

        var json = key.CanSign ? key.ToPrivateJwkJson() : key.ToPublicJwkJson();
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created private, never chmod-ed after the fact: no moment where the secret is readable by others.
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(json + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Whether a file can be read by users other than its owner (always <see langword="false"/> on Windows).</summary>
    /// <param name="path">The file.</param>
    /// <returns>Whether group or others have any access.</returns>
    public static bool IsReadableByOthers(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & others) != UnixFileMode.None;
    }

    /// <summary>Creates a directory (mode 700 on Unix) if it does not exist.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>Whether it was created now.</returns>
    internal static bool CreatePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
        }

        return true;
    }
}
