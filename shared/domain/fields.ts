import { z } from 'zod'

/** Document ids: what CloudBase generates (32 hex) and what the demo uses (readable slugs). */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确')

/** Free text that a person types: trimmed, not empty, and bounded so that nothing huge is stored. */
export function textSchema(max: number) {
  return z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`)
}

/** 中国大陆手机号 or a landline with area code. */
export const phoneSchema = z.string().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确')

/** Geographic point as [longitude, latitude], the order GeoJSON and CloudBase use. */
export const lngLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])

/** A moment on the wire: functions answer dates as ISO 8601 strings, never as Date objects. */
export const isoDateTimeSchema = z.string().describe('ISO 8601 date-time')

/** A Shanghai calendar day as contracts send it, `YYYY-MM-DD`, and one that exists (not 2026-02-30). */
export const daySchema = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' })
