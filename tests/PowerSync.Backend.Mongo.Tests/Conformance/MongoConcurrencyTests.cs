using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.Mongo.Tests.Conformance;

public sealed class MongoConcurrencyTests() : ConcurrencyConformance(new MongoConformanceDatabase());
