using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.Mongo.Tests.Conformance;

[NotApplicable(nameof(IdentifierConformance.A_table_and_columns_with_hostile_names_are_written_and_read_back), NotApplicable.DollarFieldName)]
[NotApplicable(nameof(IdentifierConformance.Hostile_names_work_in_set_based_runs_and_replacing_puts), NotApplicable.DollarFieldName)]
public sealed class MongoIdentifierConformanceTests() : IdentifierConformance(new MongoConformanceDatabase());
