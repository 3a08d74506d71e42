using System.Text;
using PowerSync.Backend.MySql.TestDriver.Internal;

namespace PowerSync.Backend.MySql.Tests.TestDriver;

/// <summary>The exact text the driver sends, for each lexical context a parameter marker can appear in.</summary>
public sealed class CommandTextBinderTests
{
    [Theory]
    [InlineData("SELECT @p", "SELECT <p>")]
    [InlineData("SELECT @p, @P, @p1", "SELECT <p>, <P>, <p1>")]
    [InlineData("SELECT '@p', \"@p\", `@p`", "SELECT '@p', \"@p\", `@p`")]
    [InlineData("SELECT 'it''s @p', @p", "SELECT 'it''s @p', <p>")]
    [InlineData("SELECT 'it\\'s @p', @p", "SELECT 'it\\'s @p', <p>")]
    [InlineData("SELECT 'back\\\\', @p", "SELECT 'back\\\\', <p>")]
    [InlineData("SELECT \"say \\\"@p\\\"\", @p", "SELECT \"say \\\"@p\\\"\", <p>")]
    [InlineData("SELECT `a``@p`, @p", "SELECT `a``@p`, <p>")]
    [InlineData("SELECT @p -- @p\n, @p", "SELECT <p> -- @p\n, <p>")]
    [InlineData("SELECT @p --\t@p\n", "SELECT <p> --\t@p\n")]
    [InlineData("SELECT 1--@p", "SELECT 1--<p>")]
    [InlineData("SELECT @p # @p\n+ @p", "SELECT <p> # @p\n+ <p>")]
    [InlineData("SELECT @p /* @p */ + /*! @p */ @p", "SELECT <p> /* @p */ + /*! @p */ <p>")]
    [InlineData("SELECT @@session.autocommit, @@version", "SELECT @@session.autocommit, @@version")]
    [InlineData("SELECT 'unterminated @p", "SELECT 'unterminated @p")]
    [InlineData("SELECT /* unterminated @p", "SELECT /* unterminated @p")]
    [InlineData("SELECT @é", "SELECT <é>")]
    [InlineData("SELECT 'x'@p", "SELECT 'x'<p>")]
    public void Parameters_are_replaced_only_outside_quotes_and_comments(string sql, string expected)
    {
        Assert.Equal(expected, Bind(sql, allowUserVariables: false));
    }

    [Fact]
    public void An_undefined_parameter_throws_unless_user_variables_are_allowed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Bind("SELECT @missing", allowUserVariables: false, known: "p"));
        Assert.Contains("@missing", error.Message, StringComparison.Ordinal);

        Assert.Equal("SET @missing = <p>", Bind("SET @missing = @p", allowUserVariables: true, known: "p"));
    }

    private static string Bind(string sql, bool allowUserVariables, string? known = null) =>
        CommandTextBinder.Bind(
            sql,
            name => known is null || string.Equals(name, known, StringComparison.OrdinalIgnoreCase) ? (true, name) : (false, null),
            (builder, value) => builder.Append('<').Append((string)value!).Append('>'),
            allowUserVariables);
}
