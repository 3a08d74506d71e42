using Xunit.Abstractions;
using Xunit.Sdk;

namespace PowerSync.Backend.Conformance;

/// <summary>
/// xUnit's own framework, except that inherited conformance tests a class marks <see cref="NotApplicableAttribute"/>
/// are discovered as skipped (with the reason in the test results) instead of run: the shared suites stay
/// untouched, and what a provider does not share is listed, not silently dropped. A provider's test project opts in
/// with <c>[assembly: TestFramework("PowerSync.Backend.Conformance.NotApplicableTestFramework", "PowerSync.Backend.Conformance")]</c>.
/// </summary>
public sealed class NotApplicableTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, sources, diagnostics)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var rules = testMethod.TestClass.Class.GetCustomAttributes(typeof(NotApplicableAttribute))
                .Select(a => a.GetConstructorArguments().ToArray())
                .Where(a => (string)a[0] == testMethod.Method.Name)
                .Select(a => (Reason: (string)a[1], Arguments: (object[])a[2]))
                .ToList();
            if (rules.Count == 0)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var display = discoveryOptions.MethodDisplayOrDefault();
            var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
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
