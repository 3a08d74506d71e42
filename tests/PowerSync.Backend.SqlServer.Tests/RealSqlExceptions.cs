using System.Reflection;
using Microsoft.Data.SqlClient;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>
/// Real <see cref="SqlException"/>s with a chosen number, built the way the driver builds them from a server's error
/// tokens (its internal <c>SqlError</c> constructor and <c>SqlException.CreateException</c>): no server here can raise
/// 1205 or 2627 on demand.
/// </summary>
internal static class RealSqlExceptions
{
    public static SqlException Create(int number, byte severity)
    {
        const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;
        var errorConstructor = typeof(SqlError).GetConstructors(Internal)
            .Where(c => c.GetParameters() is [{ ParameterType: var first }, ..] && first == typeof(int))
            .OrderByDescending(c => c.GetParameters().Length)
            .First();
        var arguments = errorConstructor.GetParameters().Select((p, i) => i switch
        {
            0 => number,
            _ when p.ParameterType == typeof(byte) && p.Name!.Contains("class", StringComparison.OrdinalIgnoreCase) => severity,
            _ when p.ParameterType == typeof(string) => p.Name!.Contains("message", StringComparison.OrdinalIgnoreCase) ? $"error {number}" : "test",
            _ => p.HasDefaultValue ? p.DefaultValue : (p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null),
        }).ToArray();
        var error = (SqlError)errorConstructor.Invoke(arguments);

        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static, [typeof(SqlErrorCollection), typeof(string)])!;
        return (SqlException)create.Invoke(null, [errors, "15.00.0000"])!;
    }
}
