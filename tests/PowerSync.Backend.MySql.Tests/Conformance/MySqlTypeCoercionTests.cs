using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.MySql.Tests.Conformance;

[NotApplicable(nameof(TypeCoercionConformance.A_value_that_does_not_fit_is_refused_as_INVALID_DATA_at_its_entry_and_nothing_is_applied), NotApplicable.NoArrays, "int array nested")]
[NotApplicable(nameof(TypeCoercionConformance.A_value_that_does_not_fit_is_refused_as_INVALID_DATA_at_its_entry_and_nothing_is_applied), NotApplicable.NoArrays, "int array with a text element")]
public sealed class MySqlTypeCoercionTests() : TypeCoercionConformance(new MySqlConformanceDatabase());
