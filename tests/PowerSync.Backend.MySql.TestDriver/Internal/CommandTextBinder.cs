using System.Text;

namespace PowerSync.Backend.MySql.TestDriver.Internal;

/// <summary>
/// Replaces <c>@name</c> parameter references in a MySQL command text with literals, leaving quoted strings,
/// quoted identifiers, comments and <c>@@system</c> variables untouched.
/// </summary>
/// <remarks>
/// Lexical rules followed (MySQL/MariaDB defaults): <c>'…'</c> and <c>"…"</c> end at an unescaped, undoubled
/// quote and honour backslash escapes; <c>`…`</c> ends at an undoubled backtick; <c>#</c> and <c>-- </c>
/// (two dashes then whitespace, a control character or the end) run to the end of the line; <c>/* … */</c>
/// runs to <c>*/</c>, including executable <c>/*! … */</c> comments, which are never rewritten.
/// </remarks>
internal static class CommandTextBinder
{
    /// <summary>Rewrites <paramref name="sql"/>, writing each referenced parameter through <paramref name="writeLiteral"/>.</summary>
    /// <param name="sql">The command text.</param>
    /// <param name="lookup">Finds a parameter by name (without <c>@</c>); returns false when none matches.</param>
    /// <param name="writeLiteral">Appends the literal for a found parameter's value.</param>
    /// <param name="allowUserVariables">When false, an <c>@name</c> with no parameter throws (MySqlConnector's default).</param>
    public static string Bind(
        string sql,
        Func<string, (bool Found, object? Value)> lookup,
        Action<StringBuilder, object?> writeLiteral,
        bool allowUserVariables)
    {
        var output = new StringBuilder(sql.Length + 16);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            int end;
            switch (c)
            {
                case '\'' or '"':
                    end = SkipQuoted(sql, i, c, backslashEscapes: true);
                    break;
                case '`':
                    end = SkipQuoted(sql, i, c, backslashEscapes: false);
                    break;
                case '#':
                    end = SkipLine(sql, i);
                    break;
                case '-' when IsDashComment(sql, i):
                    end = SkipLine(sql, i);
                    break;
                case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                    var close = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    end = close < 0 ? sql.Length : close + 2;
                    break;
                case '@' when i + 1 < sql.Length && sql[i + 1] == '@':
                    // A system variable (@@session.x): copy the @@ and its name so the name is not read as a parameter.
                    end = SkipName(sql, i + 2);
                    break;
                case '@' when i + 1 < sql.Length && IsNameChar(sql[i + 1]):
                    end = SkipName(sql, i + 1);
                    var name = sql[(i + 1)..end];
                    var (found, value) = lookup(name);
                    if (found)
                    {
                        writeLiteral(output, value);
                        i = end;
                        continue;
                    }

                    if (!allowUserVariables)
                    {
                        throw new InvalidOperationException(
                            $"Parameter '@{name}' must be defined. To use it as a user variable, add 'Allow User Variables=true' to the connection string.");
                    }

                    break;
                default:
                    end = i + 1;
                    break;
            }

            output.Append(sql, i, end - i);
            i = end;
        }

        return output.ToString();
    }

    private static int SkipQuoted(string sql, int start, char quote, bool backslashEscapes)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    private static bool IsDashComment(string sql, int i) =>
        i + 1 < sql.Length && sql[i + 1] == '-' && (i + 2 == sql.Length || char.IsWhiteSpace(sql[i + 2]) || char.IsControl(sql[i + 2]));

    private static int SkipLine(string sql, int start)
    {
        var newline = sql.IndexOf('\n', start);
        return newline < 0 ? sql.Length : newline + 1;
    }

    private static int SkipName(string sql, int start)
    {
        var i = start;
        while (i < sql.Length && IsNameChar(sql[i]))
        {
            i++;
        }

        return i;
    }

    // Unquoted MySQL identifiers: ASCII letters, digits, '$', '_' and any non-ASCII letter (U+0080 and up).
    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c >= '\u0080';
}
