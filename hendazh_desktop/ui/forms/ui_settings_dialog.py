# Generated from ui/settings_dialog.ui by hendazh_desktop.ui.forms.build — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTabWidget,
    QVBoxLayout, QWidget)

class Ui_SettingsForm(object):
    def setupUi(self, SettingsForm):
        if not SettingsForm.objectName():
            SettingsForm.setObjectName(u"SettingsForm")
        SettingsForm.setLayoutDirection(Qt.RightToLeft)
        self.mainLayout = QVBoxLayout(SettingsForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.tabs = QTabWidget(SettingsForm)
        self.tabs.setObjectName(u"tabs")
        self.companyTab = QWidget()
        self.companyTab.setObjectName(u"companyTab")
        self.companyGrid = QGridLayout(self.companyTab)
        self.companyGrid.setObjectName(u"companyGrid")
        self.legalNameLabel = QLabel(self.companyTab)
        self.legalNameLabel.setObjectName(u"legalNameLabel")

        self.companyGrid.addWidget(self.legalNameLabel, 0, 0, 1, 1)

        self.legalNameEdit = QLineEdit(self.companyTab)
        self.legalNameEdit.setObjectName(u"legalNameEdit")

        self.companyGrid.addWidget(self.legalNameEdit, 0, 1, 1, 1)

        self.legalNameError = QLabel(self.companyTab)
        self.legalNameError.setObjectName(u"legalNameError")
        self.legalNameError.setStyleSheet(u"color: #b3261e;")
        self.legalNameError.setWordWrap(True)
        self.legalNameError.setVisible(False)

        self.companyGrid.addWidget(self.legalNameError, 1, 1, 1, 1)

        self.economicCodeLabel = QLabel(self.companyTab)
        self.economicCodeLabel.setObjectName(u"economicCodeLabel")

        self.companyGrid.addWidget(self.economicCodeLabel, 2, 0, 1, 1)

        self.economicCodeEdit = QLineEdit(self.companyTab)
        self.economicCodeEdit.setObjectName(u"economicCodeEdit")
        self.economicCodeEdit.setLayoutDirection(Qt.LeftToRight)

        self.companyGrid.addWidget(self.economicCodeEdit, 2, 1, 1, 1)

        self.economicCodeError = QLabel(self.companyTab)
        self.economicCodeError.setObjectName(u"economicCodeError")
        self.economicCodeError.setStyleSheet(u"color: #b3261e;")
        self.economicCodeError.setWordWrap(True)
        self.economicCodeError.setVisible(False)

        self.companyGrid.addWidget(self.economicCodeError, 3, 1, 1, 1)

        self.nationalIdLabel = QLabel(self.companyTab)
        self.nationalIdLabel.setObjectName(u"nationalIdLabel")

        self.companyGrid.addWidget(self.nationalIdLabel, 4, 0, 1, 1)

        self.nationalIdEdit = QLineEdit(self.companyTab)
        self.nationalIdEdit.setObjectName(u"nationalIdEdit")
        self.nationalIdEdit.setLayoutDirection(Qt.LeftToRight)

        self.companyGrid.addWidget(self.nationalIdEdit, 4, 1, 1, 1)

        self.nationalIdError = QLabel(self.companyTab)
        self.nationalIdError.setObjectName(u"nationalIdError")
        self.nationalIdError.setStyleSheet(u"color: #b3261e;")
        self.nationalIdError.setWordWrap(True)
        self.nationalIdError.setVisible(False)

        self.companyGrid.addWidget(self.nationalIdError, 5, 1, 1, 1)

        self.registrationNumberLabel = QLabel(self.companyTab)
        self.registrationNumberLabel.setObjectName(u"registrationNumberLabel")

        self.companyGrid.addWidget(self.registrationNumberLabel, 6, 0, 1, 1)

        self.registrationNumberEdit = QLineEdit(self.companyTab)
        self.registrationNumberEdit.setObjectName(u"registrationNumberEdit")

        self.companyGrid.addWidget(self.registrationNumberEdit, 6, 1, 1, 1)

        self.registrationNumberError = QLabel(self.companyTab)
        self.registrationNumberError.setObjectName(u"registrationNumberError")
        self.registrationNumberError.setStyleSheet(u"color: #b3261e;")
        self.registrationNumberError.setWordWrap(True)
        self.registrationNumberError.setVisible(False)

        self.companyGrid.addWidget(self.registrationNumberError, 7, 1, 1, 1)

        self.provinceLabel = QLabel(self.companyTab)
        self.provinceLabel.setObjectName(u"provinceLabel")

        self.companyGrid.addWidget(self.provinceLabel, 8, 0, 1, 1)

        self.provinceEdit = QLineEdit(self.companyTab)
        self.provinceEdit.setObjectName(u"provinceEdit")

        self.companyGrid.addWidget(self.provinceEdit, 8, 1, 1, 1)

        self.provinceError = QLabel(self.companyTab)
        self.provinceError.setObjectName(u"provinceError")
        self.provinceError.setStyleSheet(u"color: #b3261e;")
        self.provinceError.setWordWrap(True)
        self.provinceError.setVisible(False)

        self.companyGrid.addWidget(self.provinceError, 9, 1, 1, 1)

        self.cityLabel = QLabel(self.companyTab)
        self.cityLabel.setObjectName(u"cityLabel")

        self.companyGrid.addWidget(self.cityLabel, 10, 0, 1, 1)

        self.cityEdit = QLineEdit(self.companyTab)
        self.cityEdit.setObjectName(u"cityEdit")

        self.companyGrid.addWidget(self.cityEdit, 10, 1, 1, 1)

        self.cityError = QLabel(self.companyTab)
        self.cityError.setObjectName(u"cityError")
        self.cityError.setStyleSheet(u"color: #b3261e;")
        self.cityError.setWordWrap(True)
        self.cityError.setVisible(False)

        self.companyGrid.addWidget(self.cityError, 11, 1, 1, 1)

        self.addressLabel = QLabel(self.companyTab)
        self.addressLabel.setObjectName(u"addressLabel")

        self.companyGrid.addWidget(self.addressLabel, 12, 0, 1, 1)

        self.addressEdit = QLineEdit(self.companyTab)
        self.addressEdit.setObjectName(u"addressEdit")

        self.companyGrid.addWidget(self.addressEdit, 12, 1, 1, 1)

        self.addressError = QLabel(self.companyTab)
        self.addressError.setObjectName(u"addressError")
        self.addressError.setStyleSheet(u"color: #b3261e;")
        self.addressError.setWordWrap(True)
        self.addressError.setVisible(False)

        self.companyGrid.addWidget(self.addressError, 13, 1, 1, 1)

        self.postalCodeLabel = QLabel(self.companyTab)
        self.postalCodeLabel.setObjectName(u"postalCodeLabel")

        self.companyGrid.addWidget(self.postalCodeLabel, 14, 0, 1, 1)

        self.postalCodeEdit = QLineEdit(self.companyTab)
        self.postalCodeEdit.setObjectName(u"postalCodeEdit")
        self.postalCodeEdit.setLayoutDirection(Qt.LeftToRight)

        self.companyGrid.addWidget(self.postalCodeEdit, 14, 1, 1, 1)

        self.postalCodeError = QLabel(self.companyTab)
        self.postalCodeError.setObjectName(u"postalCodeError")
        self.postalCodeError.setStyleSheet(u"color: #b3261e;")
        self.postalCodeError.setWordWrap(True)
        self.postalCodeError.setVisible(False)

        self.companyGrid.addWidget(self.postalCodeError, 15, 1, 1, 1)

        self.phoneLabel = QLabel(self.companyTab)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.companyGrid.addWidget(self.phoneLabel, 16, 0, 1, 1)

        self.phoneEdit = QLineEdit(self.companyTab)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setLayoutDirection(Qt.LeftToRight)

        self.companyGrid.addWidget(self.phoneEdit, 16, 1, 1, 1)

        self.phoneError = QLabel(self.companyTab)
        self.phoneError.setObjectName(u"phoneError")
        self.phoneError.setStyleSheet(u"color: #b3261e;")
        self.phoneError.setWordWrap(True)
        self.phoneError.setVisible(False)

        self.companyGrid.addWidget(self.phoneError, 17, 1, 1, 1)

        self.logoLabel = QLabel(self.companyTab)
        self.logoLabel.setObjectName(u"logoLabel")

        self.companyGrid.addWidget(self.logoLabel, 18, 0, 1, 1)

        self.logoRow = QHBoxLayout()
        self.logoRow.setObjectName(u"logoRow")
        self.logoPreview = QLabel(self.companyTab)
        self.logoPreview.setObjectName(u"logoPreview")
        self.logoPreview.setMinimumSize(QSize(96, 64))
        self.logoPreview.setFrameShape(QFrame.StyledPanel)
        self.logoPreview.setAlignment(Qt.AlignCenter)

        self.logoRow.addWidget(self.logoPreview)

        self.logoButton = QPushButton(self.companyTab)
        self.logoButton.setObjectName(u"logoButton")

        self.logoRow.addWidget(self.logoButton)

        self.removeLogoButton = QPushButton(self.companyTab)
        self.removeLogoButton.setObjectName(u"removeLogoButton")

        self.logoRow.addWidget(self.removeLogoButton)

        self.logoSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.logoRow.addItem(self.logoSpacer)


        self.companyGrid.addLayout(self.logoRow, 18, 1, 1, 1)

        self.logoError = QLabel(self.companyTab)
        self.logoError.setObjectName(u"logoError")
        self.logoError.setStyleSheet(u"color: #b3261e;")
        self.logoError.setWordWrap(True)
        self.logoError.setVisible(False)

        self.companyGrid.addWidget(self.logoError, 19, 1, 1, 1)

        self.taxMemoryIdLabel = QLabel(self.companyTab)
        self.taxMemoryIdLabel.setObjectName(u"taxMemoryIdLabel")

        self.companyGrid.addWidget(self.taxMemoryIdLabel, 20, 0, 1, 1)

        self.taxMemoryIdEdit = QLineEdit(self.companyTab)
        self.taxMemoryIdEdit.setObjectName(u"taxMemoryIdEdit")
        self.taxMemoryIdEdit.setLayoutDirection(Qt.LeftToRight)
        self.taxMemoryIdEdit.setMaxLength(6)

        self.companyGrid.addWidget(self.taxMemoryIdEdit, 20, 1, 1, 1)

        self.taxMemoryIdError = QLabel(self.companyTab)
        self.taxMemoryIdError.setObjectName(u"taxMemoryIdError")
        self.taxMemoryIdError.setStyleSheet(u"color: #b3261e;")
        self.taxMemoryIdError.setWordWrap(True)
        self.taxMemoryIdError.setVisible(False)

        self.companyGrid.addWidget(self.taxMemoryIdError, 21, 1, 1, 1)

        self.tabs.addTab(self.companyTab, "")
        self.generalTab = QWidget()
        self.generalTab.setObjectName(u"generalTab")
        self.generalGrid = QGridLayout(self.generalTab)
        self.generalGrid.setObjectName(u"generalGrid")
        self.displayCurrencyLabel = QLabel(self.generalTab)
        self.displayCurrencyLabel.setObjectName(u"displayCurrencyLabel")

        self.generalGrid.addWidget(self.displayCurrencyLabel, 0, 0, 1, 1)

        self.displayCurrencyCombo = QComboBox(self.generalTab)
        self.displayCurrencyCombo.setObjectName(u"displayCurrencyCombo")

        self.generalGrid.addWidget(self.displayCurrencyCombo, 0, 1, 1, 1)

        self.displayCurrencyError = QLabel(self.generalTab)
        self.displayCurrencyError.setObjectName(u"displayCurrencyError")
        self.displayCurrencyError.setStyleSheet(u"color: #b3261e;")
        self.displayCurrencyError.setWordWrap(True)
        self.displayCurrencyError.setVisible(False)

        self.generalGrid.addWidget(self.displayCurrencyError, 1, 1, 1, 1)

        self.defaultVatPercentLabel = QLabel(self.generalTab)
        self.defaultVatPercentLabel.setObjectName(u"defaultVatPercentLabel")

        self.generalGrid.addWidget(self.defaultVatPercentLabel, 2, 0, 1, 1)

        self.defaultVatPercentEdit = QLineEdit(self.generalTab)
        self.defaultVatPercentEdit.setObjectName(u"defaultVatPercentEdit")
        self.defaultVatPercentEdit.setLayoutDirection(Qt.LeftToRight)

        self.generalGrid.addWidget(self.defaultVatPercentEdit, 2, 1, 1, 1)

        self.defaultVatPercentError = QLabel(self.generalTab)
        self.defaultVatPercentError.setObjectName(u"defaultVatPercentError")
        self.defaultVatPercentError.setStyleSheet(u"color: #b3261e;")
        self.defaultVatPercentError.setWordWrap(True)
        self.defaultVatPercentError.setVisible(False)

        self.generalGrid.addWidget(self.defaultVatPercentError, 3, 1, 1, 1)

        self.vatRoundingLabel = QLabel(self.generalTab)
        self.vatRoundingLabel.setObjectName(u"vatRoundingLabel")

        self.generalGrid.addWidget(self.vatRoundingLabel, 4, 0, 1, 1)

        self.vatRoundingCombo = QComboBox(self.generalTab)
        self.vatRoundingCombo.setObjectName(u"vatRoundingCombo")

        self.generalGrid.addWidget(self.vatRoundingCombo, 4, 1, 1, 1)

        self.vatRoundingError = QLabel(self.generalTab)
        self.vatRoundingError.setObjectName(u"vatRoundingError")
        self.vatRoundingError.setStyleSheet(u"color: #b3261e;")
        self.vatRoundingError.setWordWrap(True)
        self.vatRoundingError.setVisible(False)

        self.generalGrid.addWidget(self.vatRoundingError, 5, 1, 1, 1)

        self.invoiceFooterLabel = QLabel(self.generalTab)
        self.invoiceFooterLabel.setObjectName(u"invoiceFooterLabel")

        self.generalGrid.addWidget(self.invoiceFooterLabel, 6, 0, 1, 1)

        self.invoiceFooterEdit = QPlainTextEdit(self.generalTab)
        self.invoiceFooterEdit.setObjectName(u"invoiceFooterEdit")
        self.invoiceFooterEdit.setMaximumSize(QSize(16777215, 60))
        self.invoiceFooterEdit.setTabChangesFocus(True)

        self.generalGrid.addWidget(self.invoiceFooterEdit, 6, 1, 1, 1)

        self.invoiceFooterError = QLabel(self.generalTab)
        self.invoiceFooterError.setObjectName(u"invoiceFooterError")
        self.invoiceFooterError.setStyleSheet(u"color: #b3261e;")
        self.invoiceFooterError.setWordWrap(True)
        self.invoiceFooterError.setVisible(False)

        self.generalGrid.addWidget(self.invoiceFooterError, 7, 1, 1, 1)

        self.backupDirLabel = QLabel(self.generalTab)
        self.backupDirLabel.setObjectName(u"backupDirLabel")

        self.generalGrid.addWidget(self.backupDirLabel, 8, 0, 1, 1)

        self.backupDirRow = QHBoxLayout()
        self.backupDirRow.setObjectName(u"backupDirRow")
        self.backupDirEdit = QLineEdit(self.generalTab)
        self.backupDirEdit.setObjectName(u"backupDirEdit")
        self.backupDirEdit.setLayoutDirection(Qt.LeftToRight)

        self.backupDirRow.addWidget(self.backupDirEdit)

        self.backupDirButton = QPushButton(self.generalTab)
        self.backupDirButton.setObjectName(u"backupDirButton")

        self.backupDirRow.addWidget(self.backupDirButton)


        self.generalGrid.addLayout(self.backupDirRow, 8, 1, 1, 1)

        self.backupDirError = QLabel(self.generalTab)
        self.backupDirError.setObjectName(u"backupDirError")
        self.backupDirError.setStyleSheet(u"color: #b3261e;")
        self.backupDirError.setWordWrap(True)
        self.backupDirError.setVisible(False)

        self.generalGrid.addWidget(self.backupDirError, 9, 1, 1, 1)

        self.backupsKeptLabel = QLabel(self.generalTab)
        self.backupsKeptLabel.setObjectName(u"backupsKeptLabel")

        self.generalGrid.addWidget(self.backupsKeptLabel, 10, 0, 1, 1)

        self.backupsKeptEdit = QLineEdit(self.generalTab)
        self.backupsKeptEdit.setObjectName(u"backupsKeptEdit")
        self.backupsKeptEdit.setLayoutDirection(Qt.LeftToRight)

        self.generalGrid.addWidget(self.backupsKeptEdit, 10, 1, 1, 1)

        self.backupsKeptError = QLabel(self.generalTab)
        self.backupsKeptError.setObjectName(u"backupsKeptError")
        self.backupsKeptError.setStyleSheet(u"color: #b3261e;")
        self.backupsKeptError.setWordWrap(True)
        self.backupsKeptError.setVisible(False)

        self.generalGrid.addWidget(self.backupsKeptError, 11, 1, 1, 1)

        self.generalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.generalGrid.addItem(self.generalSpacer, 12, 1, 1, 1)

        self.tabs.addTab(self.generalTab, "")

        self.mainLayout.addWidget(self.tabs)

        QWidget.setTabOrder(self.tabs, self.legalNameEdit)
        QWidget.setTabOrder(self.legalNameEdit, self.economicCodeEdit)
        QWidget.setTabOrder(self.economicCodeEdit, self.nationalIdEdit)
        QWidget.setTabOrder(self.nationalIdEdit, self.registrationNumberEdit)
        QWidget.setTabOrder(self.registrationNumberEdit, self.provinceEdit)
        QWidget.setTabOrder(self.provinceEdit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.addressEdit)
        QWidget.setTabOrder(self.addressEdit, self.postalCodeEdit)
        QWidget.setTabOrder(self.postalCodeEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.logoButton)
        QWidget.setTabOrder(self.logoButton, self.removeLogoButton)
        QWidget.setTabOrder(self.removeLogoButton, self.taxMemoryIdEdit)
        QWidget.setTabOrder(self.taxMemoryIdEdit, self.displayCurrencyCombo)
        QWidget.setTabOrder(self.displayCurrencyCombo, self.defaultVatPercentEdit)
        QWidget.setTabOrder(self.defaultVatPercentEdit, self.vatRoundingCombo)
        QWidget.setTabOrder(self.vatRoundingCombo, self.invoiceFooterEdit)
        QWidget.setTabOrder(self.invoiceFooterEdit, self.backupDirEdit)
        QWidget.setTabOrder(self.backupDirEdit, self.backupDirButton)
        QWidget.setTabOrder(self.backupDirButton, self.backupsKeptEdit)

        self.retranslateUi(SettingsForm)

        QMetaObject.connectSlotsByName(SettingsForm)
    # setupUi

    def retranslateUi(self, SettingsForm):
        self.legalNameLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0646\u0627\u0645 \u0642\u0627\u0646\u0648\u0646\u06cc \u0634\u0631\u06a9\u062a:", None))
        self.economicCodeLabel.setText(QCoreApplication.translate("SettingsForm", u"\u06a9\u062f \u0627\u0642\u062a\u0635\u0627\u062f\u06cc:", None))
        self.economicCodeEdit.setPlaceholderText(QCoreApplication.translate("SettingsForm", u"\u06f1\u06f0 \u062a\u0627 \u06f1\u06f4 \u0631\u0642\u0645", None))
        self.nationalIdLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0634\u0646\u0627\u0633\u0647 \u0645\u0644\u06cc:", None))
        self.nationalIdEdit.setPlaceholderText(QCoreApplication.translate("SettingsForm", u"\u06f1\u06f1 \u0631\u0642\u0645", None))
        self.registrationNumberLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0634\u0645\u0627\u0631\u0647 \u062b\u0628\u062a:", None))
        self.provinceLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0627\u0633\u062a\u0627\u0646:", None))
        self.cityLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0634\u0647\u0631:", None))
        self.addressLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0646\u0634\u0627\u0646\u06cc:", None))
        self.postalCodeLabel.setText(QCoreApplication.translate("SettingsForm", u"\u06a9\u062f \u067e\u0633\u062a\u06cc:", None))
        self.postalCodeEdit.setPlaceholderText(QCoreApplication.translate("SettingsForm", u"\u06f1\u06f0 \u0631\u0642\u0645\u060c \u0628\u062f\u0648\u0646 \u062e\u0637 \u062a\u06cc\u0631\u0647", None))
        self.phoneLabel.setText(QCoreApplication.translate("SettingsForm", u"\u062a\u0644\u0641\u0646:", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("SettingsForm", u"\u0645\u062b\u0644\u0627\u064b \u06f0\u06f7\u06f1\u06f3\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8", None))
        self.logoLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0646\u0634\u0627\u0646 (\u0644\u0648\u06af\u0648):", None))
        self.logoButton.setText(QCoreApplication.translate("SettingsForm", u"\u0627\u0646\u062a\u062e\u0627\u0628 \u067e\u0631\u0648\u0646\u062f\u0647\u2026", None))
        self.removeLogoButton.setText(QCoreApplication.translate("SettingsForm", u"\u062d\u0630\u0641 \u0646\u0634\u0627\u0646", None))
        self.taxMemoryIdLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0634\u0646\u0627\u0633\u0647 \u06cc\u06a9\u062a\u0627\u06cc \u062d\u0627\u0641\u0638\u0647 \u0645\u0627\u0644\u06cc\u0627\u062a\u06cc:", None))
        self.taxMemoryIdEdit.setPlaceholderText(QCoreApplication.translate("SettingsForm", u"\u0634\u0634 \u062d\u0631\u0641 \u06cc\u0627 \u0631\u0642\u0645\u060c \u0627\u0632 \u06a9\u0627\u0631\u067e\u0648\u0634\u0647 \u0633\u0627\u0645\u0627\u0646\u0647 \u0645\u0648\u062f\u06cc\u0627\u0646", None))
        self.tabs.setTabText(self.tabs.indexOf(self.companyTab), QCoreApplication.translate("SettingsForm", u"\u0645\u0634\u062e\u0635\u0627\u062a \u0634\u0631\u06a9\u062a", None))
        self.displayCurrencyLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0648\u0627\u062d\u062f \u0646\u0645\u0627\u06cc\u0634 \u0645\u0628\u0627\u0644\u063a:", None))
        self.defaultVatPercentLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0646\u0631\u062e \u067e\u06cc\u0634\u200c\u0641\u0631\u0636 \u0645\u0627\u0644\u06cc\u0627\u062a \u0628\u0631 \u0627\u0631\u0632\u0634 \u0627\u0641\u0632\u0648\u062f\u0647 (\u066a):", None))
        self.vatRoundingLabel.setText(QCoreApplication.translate("SettingsForm", u"\u06af\u0631\u062f \u06a9\u0631\u062f\u0646 \u0645\u0627\u0644\u06cc\u0627\u062a:", None))
        self.invoiceFooterLabel.setText(QCoreApplication.translate("SettingsForm", u"\u0645\u062a\u0646 \u067e\u0627\u06cc \u0635\u0648\u0631\u062a\u062d\u0633\u0627\u0628:", None))
        self.backupDirLabel.setText(QCoreApplication.translate("SettingsForm", u"\u067e\u0648\u0634\u0647 \u067e\u0634\u062a\u06cc\u0628\u0627\u0646\u200c\u0647\u0627:", None))
        self.backupDirButton.setText(QCoreApplication.translate("SettingsForm", u"\u0627\u0646\u062a\u062e\u0627\u0628\u2026", None))
        self.backupsKeptLabel.setText(QCoreApplication.translate("SettingsForm", u"\u062a\u0639\u062f\u0627\u062f \u067e\u0634\u062a\u06cc\u0628\u0627\u0646\u200c\u0647\u0627\u06cc \u0646\u06af\u0647\u200c\u062f\u0627\u0634\u062a\u0647:", None))
        self.tabs.setTabText(self.tabs.indexOf(self.generalTab), QCoreApplication.translate("SettingsForm", u"\u0639\u0645\u0648\u0645\u06cc", None))
        pass
    # retranslateUi

