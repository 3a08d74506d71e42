using Xunit;

// Inherited conformance tests marked [NotApplicable] are reported as skipped with their reason.
[assembly: TestFramework("PowerSync.Backend.Conformance.NotApplicableTestFramework", "PowerSync.Backend.Conformance")]
