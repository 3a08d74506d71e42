using PowerSync.Backend.Mongo.Bson;

namespace PowerSync.Backend.Mongo.Tests.Double;

/// <summary>Set-up commands: <c>create</c> with a validator, <c>createIndexes</c>, the <c>failCommand</c> fail point, <c>dropDatabase</c>.</summary>
public sealed partial class InMemoryMongoExecutorDouble
{
    /// <summary><c>{create, validator: {$jsonSchema: {required: [...], properties: {f: {bsonType}}}}}</c>; other schema keywords are refused.</summary>
    private BsonDocument Create(string database, BsonDocument command)
    {
        var ns = Namespace(database, command);
        if (_collections.ContainsKey(ns))
        {
            throw new CommandError(48, "NamespaceExists", "Collection already exists. NS: " + ns);
        }

        var collection = Collection(ns);
        if (command.TryGetValue("validator", out var validator))
        {
            var schema = validator is BsonDocument v && v.TryGetValue("$jsonSchema", out var s) && s is BsonDocument d ? d : throw new CommandError(9, "FailedToParse", "only $jsonSchema validators are implemented");
            foreach (var (keyword, value) in schema.Elements)
            {
                switch (keyword)
                {
                    case "bsonType":
                        break;
                    case "required":
                        collection.Required.AddRange(((BsonArray)value).Items.Cast<BsonString>().Select(f => f.Value));
                        break;
                    case "properties":
                        foreach (var (field, property) in ((BsonDocument)value).Elements)
                        {
                            collection.Types[field] = ((BsonDocument)property)["bsonType"] switch
                            {
                                BsonString one => [one.Value],
                                BsonArray many => [.. many.Items.Cast<BsonString>().Select(t => t.Value)],
                                _ => throw new CommandError(9, "FailedToParse", "bsonType must be a string or an array"),
                            };
                        }

                        break;
                    default:
                        throw new CommandError(9, "FailedToParse", $"$jsonSchema keyword '{keyword}' is not implemented by the test double");
                }
            }
        }

        return Ok();
    }

    /// <summary>Unique single-field ascending indexes only.</summary>
    private BsonDocument CreateIndexes(string database, BsonDocument command)
    {
        var collection = Collection(Namespace(database, command));
        foreach (var index in Statements(command, "indexes"))
        {
            var key = (BsonDocument)index["key"];
            if (key.Count != 1 || !(index.TryGetValue("unique", out var unique) && unique is BsonBoolean { Value: true }))
            {
                throw new CommandError(9, "FailedToParse", "only unique single-field indexes are implemented by the test double");
            }

            collection.UniqueFields.Add(key.Elements[0].Key);
        }

        return Ok();
    }

    /// <summary>
    /// <c>{configureFailPoint: "failCommand", mode: {times: n} | "off", data: {failCommands, errorCode, errorLabels, namespace}}</c>:
    /// the next <c>n</c> matching commands fail with the error before they run.
    /// </summary>
    private BsonDocument ConfigureFailPoint(BsonDocument command)
    {
        if (command["configureFailPoint"] is not BsonString { Value: "failCommand" })
        {
            throw new CommandError(9, "FailedToParse", "only the failCommand fail point is implemented");
        }

        if (command["mode"] is BsonString { Value: "off" })
        {
            _failPoints.Clear();
            return Ok();
        }

        var data = (BsonDocument)command["data"];
        _failPoints.Add(new FailPoint(
            ((BsonInt32)((BsonDocument)command["mode"])["times"]).Value,
            [.. ((BsonArray)data["failCommands"]).Items.Cast<BsonString>().Select(c => c.Value)],
            data.TryGetValue("namespace", out var ns) ? ((BsonString)ns).Value : null,
            ((BsonInt32)data["errorCode"]).Value,
            data.TryGetValue("errorLabels", out var labels) ? [.. ((BsonArray)labels).Items.Cast<BsonString>().Select(l => l.Value)] : []));
        return Ok();
    }

    private BsonDocument DropDatabase(string database)
    {
        foreach (var ns in _collections.Keys.Where(k => k.StartsWith(database + ".", StringComparison.Ordinal)).ToList())
        {
            _collections.Remove(ns);
        }

        return Ok();
    }

    private CommandError? TakeFailure(string database, BsonDocument command, string name)
    {
        var ns = command.Elements[0].Value is BsonString collection ? database + "." + collection.Value : null;
        var point = _failPoints.FirstOrDefault(p => p.Times > 0 && p.Commands.Contains(name, StringComparer.Ordinal) && (p.Namespace is null || p.Namespace == ns));
        if (point is null)
        {
            return null;
        }

        point.Times--;
        return new CommandError(point.ErrorCode, "FailPointInjected", "Failing command via 'failCommand' failpoint", point.Labels);
    }

    private sealed class FailPoint(int times, string[] commands, string? ns, int errorCode, string[] labels)
    {
        public int Times { get; set; } = times;

        public string[] Commands { get; } = commands;

        public string? Namespace { get; } = ns;

        public int ErrorCode { get; } = errorCode;

        public string[] Labels { get; } = labels;
    }
}
