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
