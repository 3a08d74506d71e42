using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.DevToken.CommandLine;

namespace PowerSync.Backend.DevToken.Commands;

/// <summary>Loads the <c>--key</c> file (a JWK as <c>generate-key</c> writes it, or a PEM key), turning failures into plain messages.</summary>
internal static class KeyFileLoader
{
    public static PowerSyncKey Load(string path, ToolConsole console)
    {
        PowerSyncKey key;
        try
        {
            key = PowerSyncKeyFile.Load(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ToolException($"key file '{path}' does not exist; create one with: powersync-dev-token generate-key --out {path}", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot read key file '{path}': {exception.Message}", exception);
        }
        catch (FormatException exception)
        {
            throw new ToolException($"key file '{path}' holds no usable key: {exception.Message}", exception);
        }
        catch (ArgumentException exception)
        {
            // PowerSyncKeyFile.Load reports an empty or blank file this way rather than as a FormatException.
            throw new ToolException($"key file '{path}' holds no usable key: it is empty.", exception);
        }

        if (key.CanSign && PowerSyncKeyFile.IsReadableByOthers(path))
        {
            console.Warn($"'{path}' holds a private key but other users can read it; restrict it with: chmod 600 {path}");
        }

        return key;
    }
}
