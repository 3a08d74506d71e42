using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Mongo.Tests;

public sealed class MongoErrorClassifierTests
{
    private readonly MongoErrorClassifier _classifier = new();

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(89)]
    [InlineData(91)]
    [InlineData(112)]
    [InlineData(189)]
    [InlineData(262)]
    [InlineData(9001)]
    [InlineData(10107)]
    [InlineData(11600)]
    [InlineData(11602)]
    [InlineData(13435)]
    [InlineData(13436)]
    public void Transient_codes_are_retried(int code) =>
        Assert.Equal(ErrorDisposition.Retry, _classifier.Classify(new MongoCommandFailedException(code))?.Disposition);

    [Theory]
    [InlineData(11000, ErrorCodes.UniqueViolation)]
    [InlineData(11001, ErrorCodes.UniqueViolation)]
    [InlineData(12582, ErrorCodes.UniqueViolation)]
    [InlineData(121, ErrorCodes.DocumentValidationFailure)]
    [InlineData(2, ErrorCodes.InvalidData)]
    [InlineData(14, ErrorCodes.InvalidData)]
    [InlineData(13, ErrorCodes.Unauthorized)]
    public void Permanent_codes_are_rejected_with_their_stable_code(int code, string expected) =>
        Assert.Equal(ErrorClassification.Rejected(expected), _classifier.Classify(new MongoCommandFailedException(code)));

    [Theory]
    [InlineData("TransientTransactionError", "update")]
    [InlineData("RetryableWriteError", "insert")]
    [InlineData("UnknownTransactionCommitResult", "commitTransaction")]
    public void Retry_labels_are_retried_whatever_the_code(string label, string command) =>
        Assert.True(_classifier.Classify(new MongoCommandFailedException(251, "NoSuchTransaction", [label], command))?.IsTransient);

    [Fact]
    public void An_unknown_commit_result_label_outside_a_commit_is_not_a_retry() =>
        Assert.Null(_classifier.Classify(new MongoCommandFailedException(251, null, [MongoErrorClassifier.UnknownTransactionCommitResult], "update")));

    [Fact]
    public void A_label_wins_over_a_permanent_code() =>
        Assert.True(_classifier.Classify(new MongoCommandFailedException(11000, null, [MongoErrorClassifier.TransientTransactionError]))?.IsTransient);

    [Fact]
    public void Unknown_codes_and_other_exceptions_are_left_to_the_pipeline()
    {
        Assert.Null(_classifier.Classify(new MongoCommandFailedException(20, "IllegalOperation")));
        Assert.Null(_classifier.Classify(new InvalidOperationException("E11000 duplicate key")));
    }

    [Theory]
    [InlineData("{\"ok\":0,\"errmsg\":\"dup\",\"code\":11000,\"codeName\":\"DuplicateKey\"}")]
    [InlineData("{\"ok\":{\"$numberDouble\":\"0.0\"},\"errmsg\":\"dup\",\"code\":{\"$numberInt\":\"11000\"},\"codeName\":\"DuplicateKey\",\"errorLabels\":[\"X\"]}")]
    public void A_failed_reply_is_read_in_relaxed_or_canonical_form(string reply)
    {
        var failed = MongoCommandFailedException.FromReply(reply, "update");

        Assert.Equal((11000, "DuplicateKey", "dup", "update"), (failed.Code, failed.CodeName, failed.ServerMessage, failed.CommandName));
        Assert.DoesNotContain("dup", failed.Message, StringComparison.Ordinal);
    }
}
