using PowerSync.Backend.Core.Wire;

namespace PowerSync.Backend.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Parses_a_minimal_reference_body()
    {
        var parsed = new CrudUploadParser(new UploadLimits()).Parse("""{"transactions":[{"transaction_id":1,"crud":[{"op":"PUT","table":"t","id":"a","op_data":{"x":1}}]}]}"""u8);
        Assert.Single(parsed.Transactions);
    }
}
