using Microsoft.AspNetCore.Components;
using MlOpsDashboard.Core.Accounts;
using MlOpsDashboard.Core.Storage.Entities;

namespace MlOpsDashboard.Dashboard.Components.Pages.Settings;

/// <summary>Account administration; the Settings page renders it for admins only.</summary>
public sealed partial class UsersCard
{
    private IReadOnlyList<UserAccount> _accounts = [];
    private string? _newUserName;
    private string _newRole = Roles.Viewer;
    private string? _error;
    private (string UserName, string Password)? _shownPassword;

    [Inject] public required AccountService Accounts { get; init; }

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task CreateAsync()
    {
        var userName = _newUserName?.Trim() ?? "";
        var password = AccountService.GeneratePassword();
        if (await RunAsync(() => Accounts.CreateAsync(userName, _newRole, password, CancellationToken.None)))
        {
            _shownPassword = (userName, password);
            _newUserName = null;
        }
    }

    private Task SetRoleAsync(UserAccount account, string role) =>
        RunAsync(() => Accounts.SetRoleAsync(account.UserName, role, CancellationToken.None));

    private async Task ResetPasswordAsync(UserAccount account)
    {
        string? password = null;
        if (await RunAsync(async () => password = await Accounts.ResetPasswordAsync(account.UserName, CancellationToken.None)))
        {
            _shownPassword = (account.UserName, password!);
        }
    }

    private Task DeleteAsync(UserAccount account) =>
        RunAsync(() => Accounts.DeleteAsync(account.UserName, CancellationToken.None));

    private async Task<bool> RunAsync(Func<Task> change)
    {
        _error = null;
        try
        {
            await change();
            return true;
        }
        catch (AccountException e)
        {
            _error = e.Message;
            return false;
        }
        finally
        {
            // Reload after a refusal too: the table must show the stored truth, not the attempted edit.
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync() => _accounts = await Accounts.ListAsync(CancellationToken.None);
}
