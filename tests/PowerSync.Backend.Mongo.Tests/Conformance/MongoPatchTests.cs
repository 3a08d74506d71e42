using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.Mongo.Tests.Conformance;

[NotApplicable(nameof(PatchConformance.Patch_setting_a_required_column_to_null_is_refused_with_NOT_NULL_VIOLATION), NotApplicable.NotNullIsValidation)]
[NotApplicable(nameof(PatchConformance.Patch_that_inserts_a_missing_row_without_its_required_columns_is_refused_with_NOT_NULL_VIOLATION), NotApplicable.NotNullIsValidation)]
public sealed class MongoPatchTests() : PatchConformance(new MongoConformanceDatabase());
