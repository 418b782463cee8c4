/**
 * Puts text on the clipboard from a user action. A `copy` event during document.execCommand('copy')
 * needs no permission, so it works in the Electron window (whose session denies every permission
 * request) as well as in a browser; navigator.clipboard is the fallback where execCommand is gone.
 */
export async function copyText(text: string): Promise<void> {
  let delivered = false
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', text)
    event.preventDefault()
    delivered = event.clipboardData !== null
  }
  document.addEventListener('copy', onCopy, { once: true })
  try {
    if (document.execCommand('copy') && delivered) return
  } finally {
    document.removeEventListener('copy', onCopy)
  }
  await navigator.clipboard.writeText(text)
}
