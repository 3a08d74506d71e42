using System.Text.Json;

namespace PowerSync.Backend.Sample.Tests.Infrastructure;

/// <summary>Reference write API bodies and results, written by hand so that the tests do not share code with the server.</summary>
internal static class Uploads
{
    public static string Transaction(long id, params object[] entries) =>
        JsonSerializer.Serialize(new { transactions = new[] { new { transaction_id = id, crud = entries } } });

    public static object Put(string table, Guid id, object data) => new { op = "PUT", table, id, op_data = data };

    public static object Patch(string table, Guid id, object data) => new { op = "PATCH", table, id, op_data = data };

    /// <summary>Each result's status, or for a fatal error its error code.</summary>
    public static string[] Outcomes(string body)
    {
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString() == "fatal_error"
            ? r.GetProperty("failed_operation").GetProperty("error_code").GetString()!
            : r.GetProperty("status").GetString()!)];
    }
}
