# Generated from ui/service_editor.ui by hendazh_desktop.ui.forms.build — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'service_editor.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QGridLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QWidget)

class Ui_ServiceEditor(object):
    def setupUi(self, ServiceEditor):
        if not ServiceEditor.objectName():
            ServiceEditor.setObjectName(u"ServiceEditor")
        ServiceEditor.setLayoutDirection(Qt.RightToLeft)
        self.grid = QGridLayout(ServiceEditor)
        self.grid.setObjectName(u"grid")
        self.nameLabel = QLabel(ServiceEditor)
        self.nameLabel.setObjectName(u"nameLabel")

        self.grid.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(ServiceEditor)
        self.nameEdit.setObjectName(u"nameEdit")

        self.grid.addWidget(self.nameEdit, 0, 1, 1, 1)

        self.nameError = QLabel(ServiceEditor)
        self.nameError.setObjectName(u"nameError")
        self.nameError.setStyleSheet(u"color: #b3261e;")
        self.nameError.setWordWrap(True)
        self.nameError.setVisible(False)

        self.grid.addWidget(self.nameError, 1, 1, 1, 1)

        self.paymentPolicyLabel = QLabel(ServiceEditor)
        self.paymentPolicyLabel.setObjectName(u"paymentPolicyLabel")

        self.grid.addWidget(self.paymentPolicyLabel, 2, 0, 1, 1)

        self.paymentPolicyCombo = QComboBox(ServiceEditor)
        self.paymentPolicyCombo.setObjectName(u"paymentPolicyCombo")

        self.grid.addWidget(self.paymentPolicyCombo, 2, 1, 1, 1)

        self.paymentPolicyError = QLabel(ServiceEditor)
        self.paymentPolicyError.setObjectName(u"paymentPolicyError")
        self.paymentPolicyError.setStyleSheet(u"color: #b3261e;")
        self.paymentPolicyError.setWordWrap(True)
        self.paymentPolicyError.setVisible(False)

        self.grid.addWidget(self.paymentPolicyError, 3, 1, 1, 1)

        self.materialsPrepaymentAllowedCheck = QCheckBox(ServiceEditor)
        self.materialsPrepaymentAllowedCheck.setObjectName(u"materialsPrepaymentAllowedCheck")

        self.grid.addWidget(self.materialsPrepaymentAllowedCheck, 4, 1, 1, 1)

        self.materialsPrepaymentAllowedError = QLabel(ServiceEditor)
        self.materialsPrepaymentAllowedError.setObjectName(u"materialsPrepaymentAllowedError")
        self.materialsPrepaymentAllowedError.setStyleSheet(u"color: #b3261e;")
        self.materialsPrepaymentAllowedError.setWordWrap(True)
        self.materialsPrepaymentAllowedError.setVisible(False)

        self.grid.addWidget(self.materialsPrepaymentAllowedError, 5, 1, 1, 1)

        self.materialsPrepaymentPercentLabel = QLabel(ServiceEditor)
        self.materialsPrepaymentPercentLabel.setObjectName(u"materialsPrepaymentPercentLabel")

        self.grid.addWidget(self.materialsPrepaymentPercentLabel, 6, 0, 1, 1)

        self.materialsPrepaymentPercentEdit = QLineEdit(ServiceEditor)
        self.materialsPrepaymentPercentEdit.setObjectName(u"materialsPrepaymentPercentEdit")
        self.materialsPrepaymentPercentEdit.setLayoutDirection(Qt.LeftToRight)
        self.materialsPrepaymentPercentEdit.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.grid.addWidget(self.materialsPrepaymentPercentEdit, 6, 1, 1, 1)

        self.materialsPrepaymentPercentError = QLabel(ServiceEditor)
        self.materialsPrepaymentPercentError.setObjectName(u"materialsPrepaymentPercentError")
        self.materialsPrepaymentPercentError.setStyleSheet(u"color: #b3261e;")
        self.materialsPrepaymentPercentError.setWordWrap(True)
        self.materialsPrepaymentPercentError.setVisible(False)

        self.grid.addWidget(self.materialsPrepaymentPercentError, 7, 1, 1, 1)

        self.vatExemptCheck = QCheckBox(ServiceEditor)
        self.vatExemptCheck.setObjectName(u"vatExemptCheck")

        self.grid.addWidget(self.vatExemptCheck, 8, 1, 1, 1)

        self.vatExemptError = QLabel(ServiceEditor)
        self.vatExemptError.setObjectName(u"vatExemptError")
        self.vatExemptError.setStyleSheet(u"color: #b3261e;")
        self.vatExemptError.setWordWrap(True)
        self.vatExemptError.setVisible(False)

        self.grid.addWidget(self.vatExemptError, 9, 1, 1, 1)

        self.vatPercentLabel = QLabel(ServiceEditor)
        self.vatPercentLabel.setObjectName(u"vatPercentLabel")

        self.grid.addWidget(self.vatPercentLabel, 10, 0, 1, 1)

        self.vatPercentEdit = QLineEdit(ServiceEditor)
        self.vatPercentEdit.setObjectName(u"vatPercentEdit")
        self.vatPercentEdit.setLayoutDirection(Qt.LeftToRight)
        self.vatPercentEdit.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.grid.addWidget(self.vatPercentEdit, 10, 1, 1, 1)

        self.vatPercentError = QLabel(ServiceEditor)
        self.vatPercentError.setObjectName(u"vatPercentError")
        self.vatPercentError.setStyleSheet(u"color: #b3261e;")
        self.vatPercentError.setWordWrap(True)
        self.vatPercentError.setVisible(False)

        self.grid.addWidget(self.vatPercentError, 11, 1, 1, 1)

        self.commissionPercentLabel = QLabel(ServiceEditor)
        self.commissionPercentLabel.setObjectName(u"commissionPercentLabel")

        self.grid.addWidget(self.commissionPercentLabel, 12, 0, 1, 1)

        self.commissionPercentEdit = QLineEdit(ServiceEditor)
        self.commissionPercentEdit.setObjectName(u"commissionPercentEdit")
        self.commissionPercentEdit.setLayoutDirection(Qt.LeftToRight)
        self.commissionPercentEdit.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.grid.addWidget(self.commissionPercentEdit, 12, 1, 1, 1)

        self.commissionPercentError = QLabel(ServiceEditor)
        self.commissionPercentError.setObjectName(u"commissionPercentError")
        self.commissionPercentError.setStyleSheet(u"color: #b3261e;")
        self.commissionPercentError.setWordWrap(True)
        self.commissionPercentError.setVisible(False)

        self.grid.addWidget(self.commissionPercentError, 13, 1, 1, 1)

        self.referrerSharePercentLabel = QLabel(ServiceEditor)
        self.referrerSharePercentLabel.setObjectName(u"referrerSharePercentLabel")

        self.grid.addWidget(self.referrerSharePercentLabel, 14, 0, 1, 1)

        self.referrerSharePercentEdit = QLineEdit(ServiceEditor)
        self.referrerSharePercentEdit.setObjectName(u"referrerSharePercentEdit")
        self.referrerSharePercentEdit.setLayoutDirection(Qt.LeftToRight)
        self.referrerSharePercentEdit.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.grid.addWidget(self.referrerSharePercentEdit, 14, 1, 1, 1)

        self.referrerSharePercentError = QLabel(ServiceEditor)
        self.referrerSharePercentError.setObjectName(u"referrerSharePercentError")
        self.referrerSharePercentError.setStyleSheet(u"color: #b3261e;")
        self.referrerSharePercentError.setWordWrap(True)
        self.referrerSharePercentError.setVisible(False)

        self.grid.addWidget(self.referrerSharePercentError, 15, 1, 1, 1)

        self.recipientSharePercentLabel = QLabel(ServiceEditor)
        self.recipientSharePercentLabel.setObjectName(u"recipientSharePercentLabel")

        self.grid.addWidget(self.recipientSharePercentLabel, 16, 0, 1, 1)

        self.recipientSharePercentEdit = QLineEdit(ServiceEditor)
        self.recipientSharePercentEdit.setObjectName(u"recipientSharePercentEdit")
        self.recipientSharePercentEdit.setLayoutDirection(Qt.LeftToRight)
        self.recipientSharePercentEdit.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.grid.addWidget(self.recipientSharePercentEdit, 16, 1, 1, 1)

        self.recipientSharePercentError = QLabel(ServiceEditor)
        self.recipientSharePercentError.setObjectName(u"recipientSharePercentError")
        self.recipientSharePercentError.setStyleSheet(u"color: #b3261e;")
        self.recipientSharePercentError.setWordWrap(True)
        self.recipientSharePercentError.setVisible(False)

        self.grid.addWidget(self.recipientSharePercentError, 17, 1, 1, 1)

        self.basePriceLabel = QLabel(ServiceEditor)
        self.basePriceLabel.setObjectName(u"basePriceLabel")

        self.grid.addWidget(self.basePriceLabel, 18, 0, 1, 1)

        self.basePriceEdit = QLineEdit(ServiceEditor)
        self.basePriceEdit.setObjectName(u"basePriceEdit")
        self.basePriceEdit.setLayoutDirection(Qt.LeftToRight)
        self.basePriceEdit.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.grid.addWidget(self.basePriceEdit, 18, 1, 1, 1)

        self.basePriceError = QLabel(ServiceEditor)
        self.basePriceError.setObjectName(u"basePriceError")
        self.basePriceError.setStyleSheet(u"color: #b3261e;")
        self.basePriceError.setWordWrap(True)
        self.basePriceError.setVisible(False)

        self.grid.addWidget(self.basePriceError, 19, 1, 1, 1)

        self.activeCheck = QCheckBox(ServiceEditor)
        self.activeCheck.setObjectName(u"activeCheck")

        self.grid.addWidget(self.activeCheck, 20, 1, 1, 1)

        self.activeError = QLabel(ServiceEditor)
        self.activeError.setObjectName(u"activeError")
        self.activeError.setStyleSheet(u"color: #b3261e;")
        self.activeError.setWordWrap(True)
        self.activeError.setVisible(False)

        self.grid.addWidget(self.activeError, 21, 1, 1, 1)

        self.dispatchTargetHoursLabel = QLabel(ServiceEditor)
        self.dispatchTargetHoursLabel.setObjectName(u"dispatchTargetHoursLabel")

        self.grid.addWidget(self.dispatchTargetHoursLabel, 22, 0, 1, 1)

        self.dispatchTargetHoursEdit = QLineEdit(ServiceEditor)
        self.dispatchTargetHoursEdit.setObjectName(u"dispatchTargetHoursEdit")
        self.dispatchTargetHoursEdit.setMaxLength(4)

        self.grid.addWidget(self.dispatchTargetHoursEdit, 22, 1, 1, 1)

        self.dispatchTargetHoursError = QLabel(ServiceEditor)
        self.dispatchTargetHoursError.setObjectName(u"dispatchTargetHoursError")
        self.dispatchTargetHoursError.setStyleSheet(u"color: #b3261e;")
        self.dispatchTargetHoursError.setWordWrap(True)
        self.dispatchTargetHoursError.setVisible(False)

        self.grid.addWidget(self.dispatchTargetHoursError, 23, 1, 1, 1)

        self.taxServiceIdLabel = QLabel(ServiceEditor)
        self.taxServiceIdLabel.setObjectName(u"taxServiceIdLabel")

        self.grid.addWidget(self.taxServiceIdLabel, 24, 0, 1, 1)

        self.taxServiceIdEdit = QLineEdit(ServiceEditor)
        self.taxServiceIdEdit.setObjectName(u"taxServiceIdEdit")
        self.taxServiceIdEdit.setLayoutDirection(Qt.LeftToRight)
        self.taxServiceIdEdit.setMaxLength(13)

        self.grid.addWidget(self.taxServiceIdEdit, 24, 1, 1, 1)

        self.taxServiceIdError = QLabel(ServiceEditor)
        self.taxServiceIdError.setObjectName(u"taxServiceIdError")
        self.taxServiceIdError.setStyleSheet(u"color: #b3261e;")
        self.taxServiceIdError.setWordWrap(True)
        self.taxServiceIdError.setVisible(False)

        self.grid.addWidget(self.taxServiceIdError, 25, 1, 1, 1)

        self.saveButton = QPushButton(ServiceEditor)
        self.saveButton.setObjectName(u"saveButton")

        self.grid.addWidget(self.saveButton, 26, 1, 1, 1)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.grid.addItem(self.bottomSpacer, 27, 0, 1, 2)

        self.grid.setColumnStretch(1, 1)

        self.retranslateUi(ServiceEditor)

        self.saveButton.setDefault(True)


        QMetaObject.connectSlotsByName(ServiceEditor)
    # setupUi

    def retranslateUi(self, ServiceEditor):
        self.nameLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u0646\u0627\u0645 \u062e\u062f\u0645\u062a:", None))
        self.paymentPolicyLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u0632\u0645\u0627\u0646 \u067e\u0631\u062f\u0627\u062e\u062a:", None))
        self.materialsPrepaymentAllowedCheck.setText(QCoreApplication.translate("ServiceEditor", u"\u067e\u06cc\u0634\u200c\u067e\u0631\u062f\u0627\u062e\u062a \u0645\u0648\u0627\u062f \u0645\u0635\u0631\u0641\u06cc \u06af\u0631\u0641\u062a\u0647 \u0645\u06cc\u200c\u0634\u0648\u062f", None))
        self.materialsPrepaymentPercentLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u067e\u06cc\u0634\u200c\u067e\u0631\u062f\u0627\u062e\u062a \u0645\u0648\u0627\u062f (\u066a \u0627\u0632 \u0647\u0632\u06cc\u0646\u0647 \u0645\u0648\u0627\u062f):", None))
        self.vatExemptCheck.setText(QCoreApplication.translate("ServiceEditor", u"\u0645\u0639\u0627\u0641 \u0627\u0632 \u0645\u0627\u0644\u06cc\u0627\u062a \u0628\u0631 \u0627\u0631\u0632\u0634 \u0627\u0641\u0632\u0648\u062f\u0647", None))
        self.vatPercentLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u0646\u0631\u062e \u0645\u0627\u0644\u06cc\u0627\u062a \u0628\u0631 \u0627\u0631\u0632\u0634 \u0627\u0641\u0632\u0648\u062f\u0647 (\u066a):", None))
        self.commissionPercentLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u067e\u0648\u0631\u0633\u0627\u0646\u062a \u0634\u0631\u06a9\u062a (\u066a \u0627\u0632 \u062f\u0633\u062a\u0645\u0632\u062f):", None))
        self.referrerSharePercentLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u0633\u0647\u0645 \u0645\u0639\u0631\u0641 (\u066a \u0627\u0632 \u067e\u0648\u0631\u0633\u0627\u0646\u062a):", None))
        self.recipientSharePercentLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u0633\u0647\u0645 \u062f\u0631\u06cc\u0627\u0641\u062a\u200c\u06a9\u0646\u0646\u062f\u0647 (\u066a \u0627\u0632 \u067e\u0648\u0631\u0633\u0627\u0646\u062a):", None))
        self.basePriceLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u0642\u06cc\u0645\u062a \u067e\u0627\u06cc\u0647 (\u0631\u06cc\u0627\u0644):", None))
        self.activeCheck.setText(QCoreApplication.translate("ServiceEditor", u"\u0641\u0639\u0627\u0644", None))
        self.dispatchTargetHoursLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u0647\u062f\u0641 \u0632\u0645\u0627\u0646 \u0627\u0639\u0632\u0627\u0645 (\u0633\u0627\u0639\u062a):", None))
        self.dispatchTargetHoursEdit.setPlaceholderText(QCoreApplication.translate("ServiceEditor", u"\u0645\u062b\u0644\u0627\u064b \u06f2\u06f4", None))
#if QT_CONFIG(tooltip)
        self.dispatchTargetHoursEdit.setToolTip(QCoreApplication.translate("ServiceEditor", u"\u0628\u06cc\u0634\u062a\u0631\u06cc\u0646 \u0632\u0645\u0627\u0646 \u0627\u0632 \u062b\u0628\u062a \u062f\u0631\u062e\u0648\u0627\u0633\u062a \u062a\u0627 \u0627\u0639\u0632\u0627\u0645 \u06af\u0631\u0648\u0647\u061b \u06af\u0632\u0627\u0631\u0634 \u0639\u0645\u0644\u06cc\u0627\u062a \u062f\u06cc\u0631\u06a9\u0631\u062f\u0647\u0627 \u0631\u0627 \u0628\u0627 \u0622\u0646 \u0645\u06cc\u200c\u0633\u0646\u062c\u062f", None))
#endif // QT_CONFIG(tooltip)
        self.taxServiceIdLabel.setText(QCoreApplication.translate("ServiceEditor", u"\u0634\u0646\u0627\u0633\u0647 \u06a9\u0627\u0644\u0627/\u062e\u062f\u0645\u062a (\u0633\u0627\u0645\u0627\u0646\u0647 \u0645\u0648\u062f\u06cc\u0627\u0646):", None))
        self.taxServiceIdEdit.setPlaceholderText(QCoreApplication.translate("ServiceEditor", u"\u06f1\u06f3 \u0631\u0642\u0645", None))
        self.saveButton.setText(QCoreApplication.translate("ServiceEditor", u"\u0630\u062e\u06cc\u0631\u0647 \u062a\u063a\u06cc\u06cc\u0631\u0627\u062a (Ctrl+S)", None))
        pass
    # retranslateUi

