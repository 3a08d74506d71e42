using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.SqlServer.Tests.Conformance;

[RequiresSqlServer]
[Differs(nameof(TypeCoercionConformance.A_value_that_does_not_fit_is_refused_as_INVALID_DATA_at_its_entry_and_nothing_is_applied), Differs.NoEnumsOrArrays, "int array with a text element")]
[Differs(nameof(TypeCoercionConformance.A_value_that_does_not_fit_is_refused_as_INVALID_DATA_at_its_entry_and_nothing_is_applied), Differs.NoEnumsOrArrays, "int array nested")]
[Differs(nameof(TypeCoercionConformance.A_value_that_does_not_fit_is_refused_as_INVALID_DATA_at_its_entry_and_nothing_is_applied), Differs.NoEnumsOrArrays, "enum unknown label")]
public sealed class SqlServerTypeCoercionTests() : TypeCoercionConformance(new SqlServerConformanceDatabase());
