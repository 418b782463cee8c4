/** A live countdown for a token's remaining lifetime. */
import { useEffect, useState } from 'react'

/** Seconds left, counting down live from a value main computed at `since` (ms). */
export function useCountdown(secondsRemaining: number | undefined, since: number): number | undefined {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (secondsRemaining === undefined) return
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [secondsRemaining])
  return secondsRemaining === undefined ? undefined : secondsRemaining - Math.floor((now - since) / 1000)
}

export function formatCountdown(seconds: number): string {
  const abs = Math.abs(seconds)
  const h = Math.floor(abs / 3600)
  const m = Math.floor((abs % 3600) / 60)
  const s = abs % 60
  const text = h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`
  return seconds > 0 ? `Expires in ${text}` : `Expired ${text} ago`
}
