using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace MlOpsDashboard.Dashboard.Components.Layout;

/// <summary>
/// Marks a page of <see cref="MainLayout"/> that shows no MudBlazor popover (MudSelect, MudMenu,
/// MudTooltip, pickers, autocompletes) and opens no MudBlazor dialog, so its circuits can do without
/// MudPopoverProvider and MudDialogProvider (with their cascading values and services, ≈ 10 KB per idle
/// circuit). A popover on such a page fails loudly: MudBlazor checks for its provider and throws.
/// Snackbars stay available on every page (a snackbar outlives a navigation).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WithoutPopoversAttribute : Attribute;

/// <summary>Which routed pages get MudBlazor's popover and dialog providers (decided once per page type).</summary>
public static class PageOverlays
{
    private static readonly ConcurrentDictionary<Type, bool> Needed = new();

    /// <summary>
    /// True for a page of <see cref="MainLayout"/> not marked <see cref="WithoutPopoversAttribute"/>;
    /// pages of another layout (sign-in, access denied) never had the providers.
    /// </summary>
    public static bool NeedsProviders(Type pageType) => Needed.GetOrAdd(pageType, static type =>
        (type.GetCustomAttribute<LayoutAttribute>()?.LayoutType ?? typeof(MainLayout)) == typeof(MainLayout)
        && type.GetCustomAttribute<WithoutPopoversAttribute>() is null);
}
