import type { Translation } from '../resources';
import type { bills as vi } from '../vi/bills';

export const bills: Translation<typeof vi> = {
  title: 'Your bills',
  loading: 'Loading your bills…',
  empty: 'You have no bills.',
  unpaidTotal: 'Total unpaid',
  allPaid: 'All your bills are paid.',
  due: 'Due: {{date}}',
  rowLabel: '{{service}}, {{month}}, {{amount}}, {{status}}',
  service: {
    electricity: 'Electricity',
    water: 'Water',
    management: 'Management fee',
    cleaning: 'Cleaning',
    security: 'Security',
    parking: 'Parking',
    repairs: 'Repairs',
  },
  status: {
    paid: 'Paid',
    unpaid: 'Unpaid',
    overdue: 'Overdue',
  },
  detail: {
    title: 'Bill details',
    loading: 'Loading the bill…',
    service: 'Service',
    month: 'Billing month',
    unit: 'Apartment',
    amount: 'Amount',
    dueDate: 'Due date',
    status: 'Status',
    paidAt: 'Paid on',
    notPaidYet: 'Not paid yet',
    meter: 'Meter readings',
    previousReading: 'Previous reading',
    currentReading: 'Current reading',
    consumption: 'Consumption',
  },
  measure: {
    kWh: 'kWh',
    m3: 'm³',
  },
};
