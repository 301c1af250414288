namespace MlOpsDashboard.Core.Accounts;

/// <summary>An account change that cannot be made, with a message fit to show the admin.</summary>
public sealed class AccountException(string message) : Exception(message);
