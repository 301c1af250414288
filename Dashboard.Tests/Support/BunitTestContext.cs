using Bunit;
using MudBlazor.Services;

namespace MlOpsDashboard.Dashboard.Tests.Support;

/// <summary>The one base for component tests: MudBlazor registered, JS interop loose.</summary>
public abstract class BunitTestContext : BunitContext, IAsyncLifetime
{
    protected BunitTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only async-disposable.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
