using Bunit;
using MudBlazor.Services;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>The one base for component tests: MudBlazor registered, JS interop loose.</summary>
public abstract class BunitTestContext : BunitContext, IAsyncLifetime
{
    // bUnit waits 1 s by default; the suite shares 2 cores with Chromium and whole app hosts, where a
    // render that takes a few milliseconds alone has been seen to miss that second. A wait ends as
    // soon as its condition holds, so the longer limit costs a passing test nothing.
    static BunitTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected BunitTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Signs the test user in with <paramref name="role"/>: the role's policies (and those below it) pass.</summary>
    protected void AuthorizeAs(string role)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(role + "-user");
        authorization.SetRoles(role);
        authorization.SetPolicies([.. Core.Accounts.Roles.All.Where(policy => Core.Accounts.Roles.AtLeast(policy).Contains(role))]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only async-disposable.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
