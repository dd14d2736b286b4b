// Element Plus, only the components the console uses (the rest stays out of the bundle), in Chinese.
import {
  ElAlert, ElAside, ElBadge, ElButton, ElCard, ElCheckbox, ElCol, ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions,
  ElDescriptionsItem, ElDialog, ElDivider, ElDrawer, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon, ElImage, ElInput, ElInputNumber,
  ElLink, ElMain, ElMenu, ElMenuItem, ElOption, ElPagination, ElPopconfirm, ElRadioButton, ElRadioGroup, ElRow, ElSelect, ElSpace,
  ElStatistic, ElSwitch, ElTable, ElTableColumn, ElTableV2, ElTabPane, ElTabs, ElTag, ElTimeline, ElTimelineItem, ElTooltip, ElUpload,
  ElAutoResizer, vLoading,
} from 'element-plus';
import 'element-plus/dist/index.css';

const COMPONENTS = [
  ElAlert, ElAside, ElBadge, ElButton, ElCard, ElCheckbox, ElCol, ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions,
  ElDescriptionsItem, ElDialog, ElDivider, ElDrawer, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon, ElImage, ElInput, ElInputNumber,
  ElLink, ElMain, ElMenu, ElMenuItem, ElOption, ElPagination, ElPopconfirm, ElRadioButton, ElRadioGroup, ElRow, ElSelect, ElSpace,
  ElStatistic, ElSwitch, ElTable, ElTableColumn, ElTableV2, ElTabPane, ElTabs, ElTag, ElTimeline, ElTimelineItem, ElTooltip, ElUpload,
  ElAutoResizer,
];

export function installElement(app) {
  for (const component of COMPONENTS) {
    app.component(component.name, component);
  }
  app.directive('loading', vLoading);
}
