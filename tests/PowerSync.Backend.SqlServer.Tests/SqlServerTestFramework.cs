using PowerSync.Backend.SqlServer.Tests.Conformance;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("PowerSync.Backend.SqlServer.Tests.SqlServerTestFramework", "PowerSync.Backend.SqlServer.Tests")]

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>
/// xUnit's own framework, except that the tests of classes marked <see cref="RequiresSqlServerAttribute"/> are
/// discovered as skipped, with the reason in the test results, when no SQL Server is configured: the shared
/// conformance suites stay untouched, and a build without a server says so test by test instead of passing silently.
/// The same approach as <c>PowerSync.Backend.Mongo.Tests</c>' <c>NotApplicableTestFramework</c>.
/// </summary>
public sealed class SqlServerTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, sources, diagnostics)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var testClass = testMethod.TestClass.Class;
            var isTest = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any();
            var display = discoveryOptions.MethodDisplayOrDefault();
            var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
            if (isTest && SqlServerTestServer.ConnectionString is null && testClass.GetCustomAttributes(typeof(RequiresSqlServerAttribute)).Any())
            {
                return ReportDiscoveredTestCase(
                    new XunitSkippedDataRowTestCase(DiagnosticMessageSink, display, displayOptions, testMethod, SqlServerTestServer.SkipReason), includeSourceInformation, messageBus);
            }

            var rules = testClass.GetCustomAttributes(typeof(DiffersAttribute))
                .Select(a => a.GetConstructorArguments().ToArray())
                .Where(a => (string)a[0] == testMethod.Method.Name)
                .Select(a => (Reason: (string)a[1], Arguments: (object[])a[2]))
                .ToList();
            if (rules.Count == 0)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            if (rules.FirstOrDefault(r => r.Arguments.Length == 0) is { Reason: { } whole })
            {
                return ReportDiscoveredTestCase(new XunitSkippedDataRowTestCase(DiagnosticMessageSink, display, displayOptions, testMethod, whole), includeSourceInformation, messageBus);
            }

            using var replacing = new ReplacingBus(messageBus, testCase =>
                rules.FirstOrDefault(r => testCase.TestMethodArguments is { } args && args.SequenceEqual(r.Arguments)) is { Reason: { } reason }
                    ? new XunitSkippedDataRowTestCase(DiagnosticMessageSink, display, displayOptions, testMethod, reason, testCase.TestMethodArguments)
                    : testCase);
            return base.FindTestsForMethod(testMethod, includeSourceInformation, replacing, discoveryOptions);
        }
    }

    /// <summary>Passes discovery messages on, replacing the test cases of data rows that do not apply.</summary>
    private sealed class ReplacingBus(IMessageBus inner, Func<ITestCase, ITestCase> replace) : IMessageBus
    {
        public bool QueueMessage(IMessageSinkMessage message) =>
            inner.QueueMessage(message is ITestCaseDiscoveryMessage discovered ? new TestCaseDiscoveryMessage(replace(discovered.TestCase)) : message);

        public void Dispose()
        {
        }
    }
}
