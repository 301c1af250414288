using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsDashboard.Core.Accounts;

namespace MlOpsDashboard.Dashboard.Components.Pages.Settings;

public sealed partial class Settings
{
    private bool _canOperate;

    [Inject] public required IAuthorizationService Authorization { get; init; }

    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync() =>
        _canOperate = (await Authorization.AuthorizeAsync((await AuthenticationState).User, Roles.Operator)).Succeeded;
}
