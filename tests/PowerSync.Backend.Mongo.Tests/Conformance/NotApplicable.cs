namespace PowerSync.Backend.Mongo.Tests.Conformance;

/// <summary>
/// Why a conformance test does not apply to MongoDB (see <see cref="NotApplicableAttribute"/>); it shows as skipped
/// with its reason, and its MongoDB analogue lives in <c>MongoRefusalTests</c>, <c>MongoIdentifierTests</c> or
/// <c>MongoCoercionTests</c>.
/// </summary>
internal static class NotApplicable
{
    public const string NoForeignKeys = "MongoDB has no foreign keys; the analogue refuses with document validation (MongoRefusalTests).";

    public const string NotNullIsValidation = "MongoDB's NOT NULL is a $jsonSchema validator, refused as DOCUMENT_VALIDATION_FAILURE, not NOT_NULL_VIOLATION (analogue in MongoRefusalTests).";

    public const string NoPrecisionLimits = "Decimal128 has no declared precision or scale to overflow (analogue: a validator refusal in MongoRefusalTests).";

    public const string MillisecondDates = "A BSON date holds milliseconds, so a microsecond timestamp reads back truncated (MongoCoercionTests pins it).";

    public const string DollarFieldName = "'$1::text' starts with '$', which update operators cannot write; refused as SCHEMA_MISMATCH instead (MongoIdentifierTests).";
}
