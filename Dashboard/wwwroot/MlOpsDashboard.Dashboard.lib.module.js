// Blazor JS initializer (found by its name, the app's assembly name). The "subjectclick" event is a
// click that carries the data-subject of the enabled button it hit, so a table of many rows (the
// Cluster page's pods) needs one server-side handler instead of one per row. Clicks elsewhere in the
// table carry no subject; a disabled button gets no click from the browser.
export function afterWebStarted(blazor) {
    blazor.registerCustomEventType('subjectclick', {
        browserEventName: 'click',
        createEventArgs: event => {
            const button = event.target instanceof Element ? event.target.closest('button[data-subject]') : null;
            return { subject: button && !button.disabled ? button.dataset.subject : null };
        },
    });
}

// Below MudBlazor's md breakpoint the drawer overlays the page: the layout closes it at start there
// and dims the page behind it while it is open (MudDrawer did this through a resize service whose
// interop types cost every circuit serializer metadata; one bool at start costs nothing new).
window.mlopsDashboard = Object.assign(window.mlopsDashboard || {}, {
    isNarrowViewport: () => window.matchMedia('(max-width: 959.98px)').matches,
});
