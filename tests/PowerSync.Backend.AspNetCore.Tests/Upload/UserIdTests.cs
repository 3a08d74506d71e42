using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.AspNetCore.Tests.Infrastructure;
using PowerSync.Backend.Testing;
using static PowerSync.Backend.AspNetCore.Tests.Infrastructure.Bodies;

namespace PowerSync.Backend.AspNetCore.Tests.Upload;

/// <summary>Which claim of the host's principal is the user id.</summary>
public sealed class UserIdTests
{
    [Theory]
    [InlineData("sub", "sub-user")]
    [InlineData(ClaimTypes.NameIdentifier, "nameid-user")]
    public async Task User_id_is_the_sub_claim_else_the_name_identifier(string claimType, string expected)
    {
        await using var app = await StartWithPrincipalAsync(new Claim(claimType, expected), upload: null);

        using var response = await app.Client.PostAsync(UploadApp.Path, new StringContent(OnePut()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, Assert.Single(app.Store.Applied).UserId);
    }

    [Fact]
    public async Task User_id_claim_type_is_configurable()
    {
        await using var app = await StartWithPrincipalAsync(new Claim("uid", "custom-user"), upload: "uid");

        using var response = await app.Client.PostAsync(UploadApp.Path, new StringContent(OnePut()));

        Assert.Equal("custom-user", Assert.Single(app.Store.Applied).UserId);
    }

    [Fact]
    public async Task Authenticated_principal_without_a_user_id_claim_is_a_401()
    {
        await using var app = await StartWithPrincipalAsync(new Claim("email", "a@example.com"), upload: null);

        using var response = await app.Client.PostAsync(UploadApp.Path, new StringContent(OnePut()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Mapping_without_the_pipeline_fails_with_a_clear_message()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(map: app => app.MapPowerSyncUpload()));

        Assert.Contains("AddPowerSyncBackend", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    public async Task Pending_status_code_must_be_a_failure(int status)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => UploadApp.StartAsync(upload: o => o.PendingStatusCode = status));
    }

    private static Task<TestApp> StartWithPrincipalAsync(Claim claim, string? upload) =>
        TestApp.StartAsync(
            services: s => s.AddPowerSyncBackend(b => b.UseInMemory()),
            map: app =>
            {
                app.Use((context, next) =>
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([claim], "test"));
                    return next(context);
                });
                app.MapPowerSyncUpload(UploadApp.Path, o => o.UserIdClaimType = upload ?? o.UserIdClaimType);
            });
}
