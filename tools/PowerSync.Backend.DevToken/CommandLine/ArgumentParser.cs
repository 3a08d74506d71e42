namespace PowerSync.Backend.DevToken.CommandLine;

/// <summary>
/// Parses a command's options: <c>--name value</c> or <c>--name=value</c>, flags without values, repeated options.
/// Nothing positional; every mistake is a <see cref="UsageException"/> naming the option.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<OptionSpec> options, IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!IsOption(arg))
            {
                throw new UsageException($"unexpected argument '{arg}'; every value follows its option (--name value).");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            var spec = options.FirstOrDefault(o => o.Name == name)
                ?? throw new UsageException($"unknown option '--{name}'.");

            if (spec.Kind == OptionKind.Flag)
            {
                if (equals >= 0)
                {
                    throw new UsageException($"option '--{name}' takes no value.");
                }

                if (!flags.Add(name))
                {
                    throw new UsageException($"option '--{name}' is given twice.");
                }

                continue;
            }

            // "--user --audience x" means the user id was forgotten, not that it is "--audience"; --user=--x still works.
            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !IsOption(args[i + 1]))
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"option '--{name}' needs a value (<{spec.ValueName}>).");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                throw new UsageException($"option '--{name}' needs a non-empty value (<{spec.ValueName}>).");
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            else if (spec.Kind == OptionKind.Single)
            {
                throw new UsageException($"option '--{name}' is given twice.");
            }

            list.Add(value);
        }

        return new ParsedArguments(values, flags);
    }

    public static bool IsHelp(string arg) => arg is "--help" or "-h";

    private static bool IsOption(string arg) => arg.Length > 2 && arg.StartsWith("--", StringComparison.Ordinal);
}
