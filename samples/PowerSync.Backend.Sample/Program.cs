// The backend of PowerSync's to-do list demo. Configuration: appsettings.json, appsettings.{Environment}.json,
// environment variables (ConnectionStrings__PowerSync, PowerSync__Auth__DevelopmentMode, …) and the command line.
// From the repository root: ./scripts/run.sh (starts a local PostgreSQL and runs this in Development).
using PowerSync.Backend.Sample;

await SampleApp.Build(args).RunAsync();

/// <summary>The entry point, public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
